/**
 * botbuilder `Storage` on Redis, shared by every instance behind the load balancer.
 *
 * Each item is one string at `<prefix>:<key>`: a 16-character random eTag followed by the item's JSON
 * (without its eTag). A string keeps the per-item overhead to ~80 bytes (a hash with a value over
 * 64 bytes costs ~500), and the script reads the eTag with GETRANGE without loading the value.
 * Writes are one Lua compare-and-set per batch group: the script checks every eTag of the group first and
 * writes only if all match, so a conflicting batch writes nothing and two writers holding the same
 * eTag cannot both win (nor two creators of the same key: `ETAG_CREATE_ONLY` checks the key is absent). eTags are random (not counters), so a key that was deleted and re-created
 * never matches an eTag from its previous life.
 *
 * Atomicity: on a single Redis server the whole batch is one script (all or nothing). With
 * `cluster: true`, keys are grouped by hash slot (one script per slot, atomic within the slot);
 * a batch spanning slots is pre-checked first, and a writer that slips in between the pre-check and
 * a later group can leave earlier groups written. Conversation keys share the `{conv:<id>}` tag, so
 * every batch about one conversation is a single slot and stays all or nothing.
 */
import { ETAG_CREATE_ONLY, EtagConflictError, type Storage, type StoreItems } from './storage.js';
import { assertValidPrefix, keySlot, LuaScript, prefixKey, redisCall, type RedisCommander } from './redis-client.js';
import { randomToken } from './random-token.js';

export interface RedisStorageOptions {
  /** Namespace in front of every key, e.g. `asa` → `asa:{conv:42}:record`. No braces. Default: none. */
  prefix?: string;
  /** Expire each item this long after its last write (abandoned conversations clean themselves up). */
  ttlMs?: number;
  /** Talking to Redis Cluster: split batches by hash slot (cross-slot scripts are refused there). */
  cluster?: boolean;
}

/** eTags are 12 random bytes in base64url: always 16 characters, so the stored string splits without a separator. */
const ETAG_LENGTH = 16;
const ETAG_SHAPE = /^[A-Za-z0-9_-]{16}$/;

/** Expected-eTag marker for a create-only write (a real eTag never contains '!'). */
const ABSENT = '!';

// KEYS: the items. ARGV[1]: TTL in ms (0 = none); then two per key: expected eTag ('' = write
// unconditionally, '!' = only if the key does not exist) and the string to store (new eTag + JSON).
// Returns 0 when written, else the 1-based index of the first conflicting key (nothing written).
// Types are checked before any write because a Redis script that fails halfway does not roll back.
const CAS_WRITE = new LuaScript(`
local ttl = tonumber(ARGV[1])
for i = 1, #KEYS do
  local t = redis.call('TYPE', KEYS[i])['ok']
  if t ~= 'string' and t ~= 'none' then
    return redis.error_reply('WRONGTYPE storage key ' .. KEYS[i] .. ' holds a ' .. t)
  end
  local expected = ARGV[2 * i]
  if expected == '${ABSENT}' then
    if t ~= 'none' then
      return i
    end
  elseif expected ~= '' and redis.call('GETRANGE', KEYS[i], 0, ${ETAG_LENGTH - 1}) ~= expected then
    return i
  end
end
for i = 1, #KEYS do
  if ttl > 0 then
    redis.call('SET', KEYS[i], ARGV[2 * i + 1], 'PX', ttl)
  else
    redis.call('SET', KEYS[i], ARGV[2 * i + 1])
  end
end
return 0
`);

interface PreparedWrite {
  key: string;
  redisKey: string;
  /** '' = unconditional, ABSENT = create only, else the eTag that must be stored. */
  expected: string;
  stored: string;
}

export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly cluster: boolean;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisStorageOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.ttlMs = options.ttlMs ?? 0;
    if (!Number.isInteger(this.ttlMs) || this.ttlMs < 0) throw new RangeError('ttlMs must be a non-negative integer');
    this.cluster = options.cluster ?? false;
  }

  /** The Redis key an item lives at (for tooling and tests). */
  redisKey(key: string): string {
    return prefixKey(this.prefix, key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    // Issued together, node-redis pipelines them: one round trip, and no cross-slot command.
    const replies = await redisCall('read', () =>
      Promise.all(keys.map((key) => this.redis.sendCommand(['GET', this.redisKey(key)]))),
    );
    const out: StoreItems = {};
    keys.forEach((key, i) => {
      const item = parseItem(key, replies[i]);
      if (item) out[key] = item;
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes = Object.keys(changes).map((key) => this.prepare(key, changes[key]));
    if (writes.length === 0) return;
    if (!this.cluster) return this.casWrite(writes);
    const groups = new Map<number, PreparedWrite[]>();
    for (const w of writes) {
      const slot = keySlot(w.redisKey);
      groups.set(slot, [...(groups.get(slot) ?? []), w]);
    }
    if (groups.size > 1) await this.precheck(writes);
    for (const group of groups.values()) await this.casWrite(group);
  }

  async delete(keys: string[]): Promise<void> {
    await redisCall('delete', () => Promise.all(keys.map((key) => this.redis.sendCommand(['DEL', this.redisKey(key)]))));
  }

  /**
   * Keys (without the prefix) matching a glob, by SCAN: never blocks the server, may return a key
   * twice. Single server only (on Cluster, each master must be scanned). For erasure tooling.
   */
  async *keys(match = '*'): AsyncIterable<string> {
    const strip = this.prefix === '' ? 0 : this.prefix.length + 1;
    let cursor = '0';
    do {
      const reply = await redisCall('scan', () => this.redis.sendCommand(['SCAN', cursor, 'MATCH', this.redisKey(match), 'COUNT', '500']));
      if (!Array.isArray(reply) || typeof reply[0] !== 'string' || !Array.isArray(reply[1])) throw new Error('Storage: unexpected SCAN reply');
      cursor = reply[0];
      for (const k of reply[1]) if (typeof k === 'string') yield k.slice(strip);
    } while (cursor !== '0');
  }

  private prepare(key: string, item: unknown): PreparedWrite {
    if (!isRecord(item)) throw new TypeError(`Storage: item "${key}" must be an object`);
    const { eTag, ...value } = item;
    const createOnly = eTag === ETAG_CREATE_ONLY;
    const conditional = eTag !== undefined && eTag !== '*' && !createOnly;
    // An eTag we never issued (wrong type or shape) can never match: refuse before anything is written.
    if (conditional && (typeof eTag !== 'string' || !ETAG_SHAPE.test(eTag))) throw new EtagConflictError(key);
    return {
      key,
      redisKey: this.redisKey(key),
      expected: createOnly ? ABSENT : conditional ? eTag : '',
      stored: randomToken(12) + JSON.stringify(value),
    };
  }

  private async casWrite(writes: PreparedWrite[]): Promise<void> {
    const args = [String(this.ttlMs)];
    for (const w of writes) args.push(w.expected, w.stored);
    const reply = await redisCall('write', () =>
      CAS_WRITE.run(
        this.redis,
        writes.map((w) => w.redisKey),
        args,
      ),
    );
    if (reply === 0) return;
    const conflicted = typeof reply === 'number' ? writes[reply - 1] : undefined;
    if (!conflicted) throw new Error(`Storage: unexpected reply from write script: ${String(reply)}`);
    throw new EtagConflictError(conflicted.key);
  }

  /** Cross-slot batches only: fail before writing anything when a stale eTag is already visible. */
  private async precheck(writes: PreparedWrite[]): Promise<void> {
    const conditional = writes.filter((w) => w.expected !== '');
    const current = await redisCall('write', () =>
      Promise.all(conditional.map((w) => this.redis.sendCommand(['GETRANGE', w.redisKey, '0', String(ETAG_LENGTH - 1)]))),
    );
    conditional.forEach((w, i) => {
      // GETRANGE of a missing key is '' (a stored item is never shorter than its eTag).
      const ok = w.expected === ABSENT ? current[i] === '' : current[i] === w.expected;
      if (!ok) throw new EtagConflictError(w.key);
    });
  }
}

function parseItem(key: string, reply: unknown): Record<string, unknown> | undefined {
  if (reply === null) return undefined;
  if (typeof reply !== 'string') throw new Error(`Storage: unexpected GET reply for "${key}"`);
  const eTag = reply.slice(0, ETAG_LENGTH);
  if (!ETAG_SHAPE.test(eTag)) throw new Error(`Storage: malformed item "${key}"`);
  const value: unknown = JSON.parse(reply.slice(ETAG_LENGTH));
  if (!isRecord(value)) throw new Error(`Storage: item "${key}" is not an object`);
  return { ...value, eTag };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
