/**
 * Complaints in Redis, so a complaint recorded on one instance is in every instance's list. All
 * keys share the `{complaints}` hash tag (one Cluster slot, so one Lua script can touch them):
 * `<prefix>:{complaints}:records` (hash: id → record JSON) and, per recorded effect,
 * `<prefix>:{complaints}:key:<conversationId>:<idempotencyKey>` → id for a day. Recording is one
 * script: a retried or concurrent call with the same key, on any instance, gets the first record
 * back and stores nothing, even when the first caller died right after writing.
 * Records do not expire: they are the seller's follow-up list (seed 004).
 */
import { z } from 'zod';
import { assertValidPrefix, LuaScript, prefixKey, type RedisCommander } from '../../state/redis-client.js';
import type { ComplaintRecord } from '../../domain/complaint.js';
import { randomBase32 } from '../orders/ids.js';
import { IdempotencyConflictError, requestFingerprint } from '../idempotency/idempotency-store.js';
import { ComplaintRecordSchema, sortAndFilter, type ComplaintFilter, type ComplaintLog, type RecordComplaintInput } from './in-memory-complaint-service.js';

export interface RedisComplaintServiceOptions {
  prefix?: string;
  now?: () => Date;
  /** How long a recorded effect's key is remembered. Default 24 hours (as the idempotency stores). */
  keyTtlMs?: number;
}

/**
 * Returns [1, json] when stored, [0, json] for an earlier record with the same key, [2] on an id
 * clash, [3] when the key was used for a different request. The effect key holds `<id> <request
 * fingerprint>` (an id alone, from before fingerprints, matches any request).
 */
const RECORD = new LuaScript(`
local seen = redis.call('GET', KEYS[2])
if seen then
  local id, fp = string.match(seen, '^(%S+) ?(%S*)$')
  if fp ~= '' and fp ~= ARGV[4] then return {3} end
  local json = redis.call('HGET', KEYS[1], id)
  if json then return {0, json} end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return {2} end
redis.call('SET', KEYS[2], ARGV[1] .. ' ' .. ARGV[4], 'PX', ARGV[3])
return {1, ARGV[2]}
`);

export class RedisComplaintService implements ComplaintLog {
  private readonly prefix: string;
  private readonly now: () => Date;
  private readonly keyTtlMs: number;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisComplaintServiceOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.now = options.now ?? (() => new Date());
    this.keyTtlMs = options.keyTtlMs ?? 24 * 60 * 60 * 1000;
  }

  get recordsKey(): string {
    return prefixKey(this.prefix, '{complaints}:records');
  }

  async record(input: RecordComplaintInput): Promise<ComplaintRecord> {
    const { idempotencyKey, ...rest } = input;
    const effectKey = prefixKey(this.prefix, `{complaints}:key:${input.conversationId}:${idempotencyKey}`);
    const fingerprint = requestFingerprint({ request: input }) ?? '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const record: ComplaintRecord = { ...structuredClone(rest), id: `CMP-${randomBase32(10)}`, createdAt: this.now().toISOString() };
      const reply = await RECORD.run(this.redis, [this.recordsKey, effectKey], [record.id, JSON.stringify(record), String(this.keyTtlMs), fingerprint]);
      // An id clash (1 in 2^50 per pair): draw another id.
      if (Array.isArray(reply) && reply[0] === 2) continue;
      // Same rule as the memory store: a reused key never answers a different request with the old record.
      if (Array.isArray(reply) && reply[0] === 3) throw new IdempotencyConflictError(idempotencyKey);
      const [, json] = z.tuple([z.number(), z.string()]).parse(reply);
      return ComplaintRecordSchema.parse(JSON.parse(json));
    }
    throw new Error('complaint: could not draw an unused id');
  }

  /** Newest first: what the agent queue shows. Reads every record (complaints are few). */
  async list(filter: ComplaintFilter = {}): Promise<ComplaintRecord[]> {
    const reply = await this.redis.sendCommand(['HVALS', this.recordsKey]);
    const values = Array.isArray(reply) ? reply.filter((v): v is string => typeof v === 'string') : [];
    return sortAndFilter(
      values.map((v) => ComplaintRecordSchema.parse(JSON.parse(v))),
      filter,
    );
  }

  async get(id: string): Promise<ComplaintRecord | undefined> {
    const value = await this.redis.sendCommand(['HGET', this.recordsKey, id]);
    return typeof value === 'string' ? ComplaintRecordSchema.parse(JSON.parse(value)) : undefined;
  }
}
