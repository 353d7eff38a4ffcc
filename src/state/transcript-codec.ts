/**
 * Stored form of transcript lines on Redis: one list element per append (a turn's lines), plain
 * JSON. An element that holds a buyer's message is `{"buyer":"<activity tag>","lines":[...]}`, so a
 * script on Redis recognises a redelivered message by the element's start (`buyerLineMark`) without
 * parsing it; any other element is a JSON array of lines.
 *
 * The preset-dictionary codec this replaced stored ~2.3× fewer transcript bytes (~680 B of a 2.3 KB
 * stored conversation, 29.8 %: below the 30 % an optimisation must earn; no CPU difference) in an
 * interleaved `npm run bench` A/B (docs/redis.md). Elements it wrote are converted by
 * `npm run migrate-state` (scripts/migrate-state.ts).
 */
import type { TranscriptEntry } from './transcript-store.js';

/** The start of the element holding the buyer line of activity `tag`. */
export function buyerLineMark(tag: string): string {
  return `{"buyer":${JSON.stringify(tag)},`;
}

/** One element holding `entries` (a turn's bot lines, an agent's line ...). */
export function packTranscriptLines(entries: readonly TranscriptEntry[]): string {
  return JSON.stringify(entries);
}

/** One element holding the buyer line of activity `tag` and any lines sent with it (a refusal). */
export function packBuyerLines(tag: string, entries: readonly TranscriptEntry[]): string {
  return `${buyerLineMark(tag)}"lines":${JSON.stringify(entries)}}`;
}

/**
 * The lines of one stored element, not yet validated (the store checks each). An element that cannot
 * be read (one packed by the old codec and not migrated) gives none: it is skipped, not fatal.
 */
export function unpackTranscriptLines(raw: string | Buffer): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
    if (Array.isArray(value)) return value.map(fromTuple);
    if (typeof value === 'object' && value !== null && 'lines' in value && Array.isArray(value.lines)) return value.lines;
    // One line per element, as the first versions wrote them.
    return [value];
  } catch {
    return [];
  }
}

const SENDERS: Record<string, TranscriptEntry['from']> = { u: 'buyer', b: 'bot', a: 'agent', s: 'system' };

/**
 * Lines written as tuples `[epochMs | at, sender code, text, key?, activityId?, extra?]` by the old
 * codec when JSON was its smaller form: plain JSON, so they still read without migration.
 */
function fromTuple(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const [ms, code, text, key, activityId, extra] = value as unknown[];
  return {
    ...(typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? extra : {}),
    at: typeof ms === 'number' ? new Date(ms).toISOString() : ms,
    from: typeof code === 'string' ? SENDERS[code] : undefined,
    text,
    ...(typeof key === 'string' ? { key } : {}),
    ...(typeof activityId === 'string' ? { activityId } : {}),
  };
}
