/**
 * Transcripts on Redis: one list per conversation at `<prefix>:{conv:<id>}:transcript` (same hash tag
 * as the conversation's record and lock, so one Cluster slot), one element per append (a turn's
 * lines, packed by transcript-codec.ts; older elements hold one JSON line each). Appends are
 * RPUSH, so lines from several instances keep the order in which Redis received them; the
 * per-conversation lock makes that the order of the turns. The list expires with the conversation.
 */
import { conversationKey } from './conversation-store.js';
import { LuaScript, assertValidPrefix, prefixKey, redisCall, type RedisCommander } from './redis-client.js';
import type { TranscriptEntry, TranscriptStore } from './transcript-store.js';
import { packTranscriptLines, unpackTranscriptLines } from './transcript-codec.js';

export interface RedisTranscriptStoreOptions {
  /** Same namespace as the storage, e.g. `asa`. */
  prefix?: string;
  /** Expire the list this long after its last append (0 = never). */
  ttlMs?: number;
}

// KEYS[1]: the list. ARGV[1]: TTL in ms, then the lines. Returns the new length.
const APPEND = new LuaScript(`
local n = redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n
`);

const SENDERS: readonly TranscriptEntry['from'][] = ['buyer', 'bot', 'agent', 'system'];
const FROM: ReadonlySet<string> = new Set(SENDERS);

export class RedisTranscriptStore implements TranscriptStore {
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisTranscriptStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.ttlMs = options.ttlMs ?? 0;
  }

  /** The Redis key of a conversation's transcript (tooling, tests). */
  redisKey(conversationId: string): string {
    return prefixKey(this.prefix, conversationKey(conversationId, 'transcript'));
  }

  async append(conversationId: string, entries: TranscriptEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const key = this.redisKey(conversationId);
    // One element per append (a turn's lines), packed (transcript-codec.ts).
    const element = packTranscriptLines(entries);
    if (this.ttlMs <= 0) {
      await redisCall('transcript append', () => this.redis.sendCommand(['RPUSH', key, element]));
      return;
    }
    // Append and refresh the expiry in one command (one reply to wait for instead of two).
    await redisCall('transcript append', () => APPEND.run(this.redis, [key], [String(this.ttlMs), element]));
  }

  async list(conversationId: string, opts: { last?: number } = {}): Promise<TranscriptEntry[]> {
    const last = opts.last && opts.last > 0 ? opts.last : undefined;
    // An element holds one or more lines, so the last N elements hold at least the last N lines.
    const start = last ? String(-last) : '0';
    // As bytes: packed elements are binary (transcript-codec.ts).
    const reply = await redisCall('transcript list', () => this.redis.sendCommand(['LRANGE', this.redisKey(conversationId), start, '-1'], { buffers: true }));
    if (!Array.isArray(reply)) throw new Error('Transcript: unexpected LRANGE reply');
    const entries = reply.flatMap((raw: unknown) => (Buffer.isBuffer(raw) ? unpackTranscriptLines(raw) : [])).flatMap((value) => {
      const entry = parseEntry(value);
      return entry ? [entry] : [];
    });
    return last ? entries.slice(-last) : entries;
  }

  async delete(conversationId: string): Promise<void> {
    await redisCall('transcript delete', () => this.redis.sendCommand(['DEL', this.redisKey(conversationId)]));
  }
}

/** Validate a stored line instead of trusting it (the list is shared with other writers). */
function parseEntry(value: unknown): TranscriptEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { at, from, text, key, activityId, photos, truncatedFrom } = value;
  if (typeof at !== 'string' || typeof text !== 'string' || !isSender(from)) return undefined;
  return {
    at,
    from,
    text,
    ...(typeof key === 'string' ? { key } : {}),
    ...(typeof activityId === 'string' ? { activityId } : {}),
    // What the buyer sent comes back whole: photo links and the over-long marker too.
    ...photosOf(photos),
    ...(typeof truncatedFrom === 'number' && Number.isInteger(truncatedFrom) && truncatedFrom > 0 ? { truncatedFrom } : {}),
  };
}

function photosOf(photos: unknown): { photos?: string[] } {
  if (!Array.isArray(photos)) return {};
  const links = photos.filter((p): p is string => typeof p === 'string');
  return links.length > 0 ? { photos: links } : {};
}

function isSender(from: unknown): from is TranscriptEntry['from'] {
  return typeof from === 'string' && FROM.has(from);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
