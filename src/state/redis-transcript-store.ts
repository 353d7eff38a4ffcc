/**
 * Transcripts on Redis: one list per conversation at `<prefix>:{conv:<id>}:transcript` (same hash tag
 * as the conversation's record and lock, so one Cluster slot), one element per append (a turn's
 * lines as plain JSON, transcript-codec.ts). Appends are
 * RPUSH, so lines from several instances keep the order in which Redis received them; the
 * per-conversation lock makes that the order of the turns. The list expires with the conversation.
 */
import { conversationKey } from './conversation-store.js';
import { LuaScript, assertValidPrefix, prefixKey, redisCall, type RedisArg, type RedisCommander } from './redis-client.js';
import { BUYER_LINE_LOOKBACK, type TranscriptEntry, type TranscriptStore } from './transcript-store.js';
import { buyerLineMark, packBuyerLines, packTranscriptLines, unpackTranscriptLines } from './transcript-codec.js';

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

// KEYS[1]: the list. ARGV[1]: TTL in ms (0 = none), ARGV[2]: the buyer line's mark, ARGV[3]: how many
// of the last elements to look at, ARGV[4]: the element to add, ARGV[5] (optional): the element to add
// instead when one of them starts with the mark. Returns 1 when the buyer line was added.
const APPEND_BUYER_LINE = new LuaScript(`
local mark = ARGV[2]
local seen = false
for _, element in ipairs(redis.call('LRANGE', KEYS[1], -tonumber(ARGV[3]), -1)) do
  if string.sub(element, 1, #mark) == mark then seen = true break end
end
local element = ARGV[4]
if seen then element = ARGV[5] end
if element then redis.call('RPUSH', KEYS[1], element) end
if element and tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if seen then return 0 end
return 1
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
    // One element per append (a turn's lines).
    const element = packTranscriptLines(entries);
    if (this.ttlMs <= 0) {
      await redisCall('transcript append', () => this.redis.sendCommand(['RPUSH', key, element]));
      return;
    }
    // Append and refresh the expiry in one command (one reply to wait for instead of two).
    await redisCall('transcript append', () => APPEND.run(this.redis, [key], [String(this.ttlMs), element]));
  }

  async appendBuyerLine(conversationId: string, tag: string, entries: TranscriptEntry[], otherwise: TranscriptEntry[] = []): Promise<void> {
    if (entries.length === 0) return;
    const args: RedisArg[] = [String(this.ttlMs), buyerLineMark(tag), String(BUYER_LINE_LOOKBACK), packBuyerLines(tag, entries)];
    if (otherwise.length > 0) args.push(packTranscriptLines(otherwise));
    await redisCall('transcript append', () => APPEND_BUYER_LINE.run(this.redis, [this.redisKey(conversationId)], args));
  }

  async list(conversationId: string, opts: { last?: number } = {}): Promise<TranscriptEntry[]> {
    const last = opts.last && opts.last > 0 ? opts.last : undefined;
    // An element holds one or more lines, so the last N elements hold at least the last N lines.
    const start = last ? String(-last) : '0';
    // As bytes: elements packed by the old codec are binary (skipped until migrated).
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
