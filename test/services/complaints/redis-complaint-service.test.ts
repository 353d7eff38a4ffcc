/** Complaints in a real redis-server: two services on two connections act as two instances. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisComplaintService } from '../../../src/services/complaints/index.js';
import { IdempotencyConflictError } from '../../../src/services/idempotency/idempotency-store.js';
import { type RedisConnection } from '../../../src/state/redis-client.js';
import { startRedisPair, type RedisPair } from '../../support/redis-server.js';

const base = {
  conversationId: 'conv-1',
  orderId: '111-5820437-6619203',
  category: 'product_quality' as const,
  severity: 'normal' as const,
  summary: 'pan arrived cracked',
  buyerText: ['The pan arrived cracked', '平底锅裂了'],
};

let a: RedisConnection;
let b: RedisConnection;
let prefix: string;
let n = 0;
let pair: RedisPair | undefined;
beforeAll(async () => {
  pair = await startRedisPair();
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
});
beforeEach(() => {
  prefix = `c${++n}`;
});

const on = (conn: RedisConnection, now?: () => Date) => new RedisComplaintService(conn.commander, { prefix, ...(now ? { now } : {}) });

describe('RedisComplaintService', () => {
  it('a complaint recorded on one instance is listed and found on another, buyer words intact', async () => {
    const r = await on(a, () => new Date('2025-06-15T12:00:00Z')).record({ ...base, idempotencyKey: 'k1' });
    expect(r.id).toMatch(/^CMP-[A-Z2-7]{10}$/);
    expect(r).toMatchObject({ ...base, createdAt: '2025-06-15T12:00:00.000Z' });
    expect(r).not.toHaveProperty('idempotencyKey');
    const other = on(b);
    expect(await other.list()).toEqual([r]);
    expect(await other.get(r.id)).toEqual(r);
    expect(await other.get('CMP-NOPE')).toBeUndefined();
  });

  it('the same effect key on both instances at once → one record, the same one for every caller', async () => {
    const results = await Promise.all([a, b, a, b, a, b].map((conn) => on(conn).record({ ...base, idempotencyKey: 'same' })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await on(a).list()).toHaveLength(1);
    // The same key in another conversation is another effect.
    await on(b).record({ ...base, conversationId: 'conv-2', idempotencyKey: 'same' });
    expect(await on(a).list()).toHaveLength(2);
  });

  it('a key reused for a different complaint is refused on any instance, as in the memory store', async () => {
    const first = await on(a).record({ ...base, idempotencyKey: 'reused' });
    await expect(on(b).record({ ...base, summary: 'something else entirely', idempotencyKey: 'reused' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await on(b).record({ ...base, idempotencyKey: 'reused' })).toEqual(first);
    expect(await on(a).list()).toEqual([first]);
  });

  it('lists newest first with the agents\' filters', async () => {
    let t = Date.parse('2025-06-15T12:00:00Z');
    const clock = () => new Date((t += 1000));
    await on(a, clock).record({ ...base, idempotencyKey: '1' });
    await on(b, clock).record({ ...base, severity: 'severe', category: 'negative_review', conversationId: 'conv-2', orderId: '112-7051384-2296640', idempotencyKey: '2' });
    await on(a, clock).record({ ...base, conversationId: 'conv-3', idempotencyKey: '3' });
    const all = await on(b).list();
    expect(all.map((r) => r.conversationId)).toEqual(['conv-3', 'conv-2', 'conv-1']);
    expect((await on(a).list({ severity: 'severe' })).map((r) => r.conversationId)).toEqual(['conv-2']);
    expect((await on(a).list({ conversationId: 'conv-1' })).map((r) => r.conversationId)).toEqual(['conv-1']);
    expect((await on(a).list({ orderId: '112-7051384-2296640' })).map((r) => r.conversationId)).toEqual(['conv-2']);
  });

  it('keys share the {complaints} hash tag; records never expire, effect keys do', async () => {
    const svc = on(a);
    await svc.record({ ...base, idempotencyKey: 'tag' });
    const keys = await a.commander.sendCommand(['KEYS', `${prefix}:*`]);
    expect(keys).toEqual(expect.arrayContaining([`${prefix}:{complaints}:records`, `${prefix}:{complaints}:key:conv-1:tag`]));
    expect(await a.commander.sendCommand(['PTTL', svc.recordsKey])).toBe(-1);
    expect(Number(await a.commander.sendCommand(['PTTL', `${prefix}:{complaints}:key:conv-1:tag`]))).toBeGreaterThan(23 * 3_600_000);
  });

  it('a stored record that is not a complaint is an error, not a silent blank', async () => {
    await a.commander.sendCommand(['HSET', `${prefix}:{complaints}:records`, 'CMP-BROKEN', '{"id":"CMP-BROKEN"}']);
    await expect(on(b).list()).rejects.toThrow();
  });
});
