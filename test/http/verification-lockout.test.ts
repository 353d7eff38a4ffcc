/**
 * The lockout as the buyer meets it over /api/messages: the configured limit (VERIFY_MAX_ATTEMPTS)
 * and period (VERIFY_LOCK_MINUTES), and a lock message that states that period in the buyer's
 * language, whichever lock fired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createI18n, readLocales } from '../../src/i18n/index.js';
import type { Assistant } from '../../src/app.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { DEMO } from '../support/transcript.js';
import { LANGS, PHRASES } from '../transcripts/phrases.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';
import { attemptKeys } from '../../src/services/verification/index.js';

let running: RunningServer;
let assistant: Assistant;
beforeAll(async () => {
  assistant = await testAssistant({ verifyMaxAttempts: 2, verifyLockMinutes: 45 });
  running = await listen(assistant.app, 0, '127.0.0.1');
});
afterAll(async () => {
  await running?.close();
  await assistant?.close();
});

const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const EXPECT_PERIOD = { en: /try again in 45 minutes/, zh: /请45分钟后再试/ };

describe.each(LANGS)('verification lockout over /api/messages (%s)', (lang) => {
  const p = PHRASES[lang];

  it('locks after the configured two misses in a chat and says the configured 45 minutes', async () => {
    // each language its own orders: the per-order counters are shared by the whole server
    const [first, second] = lang === 'en' ? [DEMO.onTime.id, DEMO.late.id] : [DEMO.delivered5d.id, DEMO.eu29d.id];
    const chat = httpChat(running.url);
    expect(keys(await chat.say(p.track(first)))).toEqual(['verify:askDetail']);
    expect(keys(await chat.say('nobody@example.org'))).toEqual(['verify:noMatch']);
    expect(keys(await chat.say(second))).toEqual(['verify:askDetail']);
    const locked = await chat.say('nobody@example.org');
    expect(keys(locked)).toEqual(['verify:locked']);
    const text = locked.replies[0]?.text ?? '';
    expect(text).toMatch(EXPECT_PERIOD[lang]);
    expect(text).not.toMatch(/30|\{\{/);
  });

  it('the per-order lock (misses from other chats) gives the same true message', async () => {
    // two misses on one order, each from its own chat: neither chat is locked, the order is
    const id = lang === 'en' ? DEMO.slow.id : DEMO.lost.id;
    for (let i = 0; i < 2; i++) {
      const other = httpChat(running.url);
      await other.say(p.track(id));
      await other.say(`nobody${i}@example.org`);
    }
    const chat = httpChat(running.url);
    await chat.say(p.track(id));
    const email = (await assistant.services.orders.findById(id))?.buyerEmail ?? 'missing';
    const locked = await chat.say(email);
    expect(keys(locked)).toEqual(['verify:locked']);
    expect(locked.replies[0]?.text ?? '').toMatch(EXPECT_PERIOD[lang]);
  });
});

describe('verify:locked wording', () => {
  it('uses the plural the period needs (en) and reads naturally in Chinese', async () => {
    const i18n = await createI18n(readLocales(), { defaultVariables: { lockMinutes: 1 } });
    expect(i18n.getFixedT('en')('verify:locked')).toMatch(/try again in 1 minute,/);
    expect(i18n.getFixedT('zh')('verify:locked')).toMatch(/请1分钟后再试/);
  });
});

describe('verification lockout with REDIS_URL: two instances count together', () => {
  let cluster: AppCluster | undefined;
  beforeAll(async () => {
    cluster = await startAppCluster(2, { verifyMaxAttempts: 2 });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('misses on one order spread over both instances lock it on both', async () => {
    const [a, b] = cluster?.instances ?? [];
    if (!a || !b) throw new Error('two instances expected');
    const id = DEMO.onTime.id;
    // one miss on each instance: the second instance sees the first one's miss and locks
    const expected = ['verify:noMatch', 'verify:locked'];
    for (const [i, instance] of [a, b].entries()) {
      const chat = httpChat(instance.url);
      await chat.say(`Where is my order ${id}?`);
      expect(keys(await chat.say('nobody@example.org'))).toEqual([expected[i]]);
    }
    const email = (await a.assistant.services.orders.findById(id))?.buyerEmail ?? 'missing';
    for (const instance of [a, b]) {
      const chat = httpChat(instance.url);
      await chat.say(`Where is my order ${id}?`);
      expect(keys(await chat.say(email))).toEqual(['verify:locked']);
    }
    // the count lives in Redis, not in either process
    const stored = await a.assistant.redis?.commander.sendCommand(['GET', `asa:${attemptKeys.order(id)}`]);
    expect(stored).toBe('2');
  });
});
