/** The unanswered-questions log in a real redis-server: two logs on two connections act as two instances. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisUnansweredStore, UnansweredLog, type UnansweredQuestion } from '../../../src/services/catalog/index.js';
import { type RedisConnection } from '../../../src/state/redis-client.js';
import { startRedisPair, type RedisPair } from '../../support/redis-server.js';

let a: RedisConnection;
let b: RedisConnection;
let pair: RedisPair | undefined;
let prefix: string;
let n = 0;
beforeAll(async () => {
  pair = await startRedisPair();
  ({ a, b } = pair);
});
afterAll(async () => {
  await pair?.close();
});
beforeEach(() => {
  prefix = `u${++n}`;
});

const q = (text: string, lang: 'en' | 'zh' = 'en', extra: Partial<UnansweredQuestion> = {}): UnansweredQuestion => ({ at: '2026-12-07T02:00:00.000Z', lang, text, why: 'none:uncovered:wifi', ...extra });

describe('RedisUnansweredStore', () => {
  it('questions logged on two instances are one list, in order, Chinese text and page intact', async () => {
    const one = new UnansweredLog(new RedisUnansweredStore(a.commander, { prefix }));
    const two = new UnansweredLog(new RedisUnansweredStore(b.commander, { prefix }));
    one.record(q('does the lamp have wifi?', 'en', { page: 'LAMP-DESK-LED' }));
    await one.flush();
    two.record(q('台灯能连wifi吗', 'zh'));
    await two.flush();
    const seen = await new RedisUnansweredStore(a.commander, { prefix }).list();
    expect(seen).toEqual([q('does the lamp have wifi?', 'en', { page: 'LAMP-DESK-LED' }), q('台灯能连wifi吗', 'zh')]);
    expect(await one.list()).toEqual(seen);
    expect(await two.list()).toEqual(seen);
  });

  it('keeps only the newest `max` entries and cuts long questions to 500 characters', async () => {
    const log = new UnansweredLog(new RedisUnansweredStore(a.commander, { prefix, max: 3 }));
    for (const t of ['q1', 'q2', 'q3', 'q4', 'x'.repeat(900)]) log.record(q(t));
    await log.flush();
    const texts = (await log.list()).map((e) => e.text);
    expect(texts).toEqual(['q3', 'q4', 'x'.repeat(500)]);
  });

  it('keys live under the prefix, apart from another prefix', async () => {
    const store = new RedisUnansweredStore(a.commander, { prefix });
    await store.append(q('mine'));
    expect(store.key).toBe(`${prefix}:{presales}:unanswered`);
    expect(await new RedisUnansweredStore(a.commander, { prefix: `${prefix}x` }).list()).toEqual([]);
    expect(await a.commander.sendCommand(['LLEN', store.key])).toBe(1);
  });

  it('a Redis outage does not fail the buyer turn: the error goes to onError', async () => {
    const errors: unknown[] = [];
    const broken = { append: () => Promise.reject(new Error('down')), list: () => Promise.resolve([]) };
    const log = new UnansweredLog(broken, (err) => errors.push(err));
    expect(() => log.record(q('anything'))).not.toThrow();
    await log.flush();
    expect(errors).toHaveLength(1);
  });
});
