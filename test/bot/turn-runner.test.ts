import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createRenderer } from '../../src/bot/render.js';
import { TurnRunner, type TurnRequest, type TurnRunnerDeps } from '../../src/bot/turn-runner.js';
import { MemoryConversationLock } from '../../src/state/conversation-lock.js';
import { MemoryRateLimiter } from '../../src/state/rate-limiter.js';
import { AfterSalesBot } from '../../src/bot/bot.js';
import { ConsoleAdapter } from '../../src/channels/cli/console-adapter.js';
import { activityTag, createConversationStore } from '../../src/state/conversation-store.js';
import { EtagConflictError, MemoryStorage, type StoreItems } from '../../src/state/storage.js';
import { MemoryTranscriptStore } from '../../src/state/transcript-store.js';
import { createDialogs } from '../../dialogs/dialogs.js';
import { serviceActors } from '../../dialogs/services.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';

// Greeting/language turns never reach a service: the unprovided placeholders would throw if they did.
const rootMachine = createDialogs(DEFAULT_POLICY, serviceActors);
import { KeywordNlu } from '../support/keyword-nlu.js';
import { memoryLogger } from '../support/assistant.js';

async function setup(storage = new MemoryStorage(), extra: Partial<TurnRunnerDeps> = {}) {
  const { logger, lines } = memoryLogger();
  const transcripts = new MemoryTranscriptStore();
  const store = createConversationStore(storage);
  const runner = new TurnRunner({
    machine: rootMachine,
    store,
    transcripts,
    nlu: new KeywordNlu(),
    renderer: createRenderer(await createI18n()),
    logger,
    clock: () => new Date('2026-11-22T10:00:00Z'),
    ...extra,
  });
  let n = 0;
  const say = (text: string, conversationId = 'c1', extra: Partial<TurnRequest> = {}) =>
    runner.run({ conversationId, activityId: `a${++n}`, kind: 'message', text, ...extra });
  return { runner, store, storage, transcripts, say, lines };
}

describe('turn runner', () => {
  it('greets in the language of the message and saves the conversation', async () => {
    const t = await setup();
    const en = await t.say('hello there');
    expect(en.lang).toBe('en');
    expect(en.replies.map((r) => r.key)).toEqual(['common:greeting']);
    const zh = await t.say('你好', 'c2');
    expect(zh.lang).toBe('zh');
    expect(zh.replies[0]?.text).toMatch(/售后助手/);
    const { record, eTag } = await t.store.load('c1');
    expect(eTag).toBeTruthy();
    expect(record?.turns).toBe(1);
    expect(record?.snapshot).toMatchObject({ status: 'active', value: 'idle' });
  });

  it('keeps a compact delivery history: tags of recent activities, and the replies of the newest only', async () => {
    const t = await setup();
    for (const text of ['hello', 'hi again', 'hello once more']) await t.say(text);
    const { record } = await t.store.load('c1');
    expect(record?.recent?.map((r) => r.id)).toEqual(['a1', 'a2', 'a3'].map(activityTag));
    expect(record?.recent?.slice(0, -1).every((r) => Object.keys(r).join() === 'id')).toBe(true);
    expect(record?.recent?.at(-1)).toMatchObject({ id: activityTag('a3'), lang: 'en', replies: [{ key: 'common:greeting' }] });
    expect(Object.keys(record?.recent?.at(-1) ?? {}).sort()).toEqual(['id', 'lang', 'replies']);
    // A redelivery of an older activity is recognised by its tag: nothing runs again.
    const again = await t.runner.run({ conversationId: 'c1', activityId: 'a1', kind: 'message', text: 'hello' });
    expect(again.outcome).toBe('duplicate');
    expect(again.replies).toEqual([]);
    // The newest one gets its replies again.
    const newest = await t.runner.run({ conversationId: 'c1', activityId: 'a3', kind: 'message', text: 'hello once more' });
    expect(newest.outcome).toBe('duplicate');
    expect(newest.replies.map((r) => r.key)).toEqual(['common:greeting']);
    expect((await t.store.load('c1')).record?.turns).toBe(3);
  });

  it('recognises redeliveries against a record written before activity tags (raw ids)', async () => {
    const t = await setup();
    await t.say('hello');
    const loaded = await t.store.load('c1');
    const legacy = { ...loaded.record!, recent: [{ id: 'old-activity-1', h: 'x', at: 1 }, { ...loaded.record!.recent!.at(-1)!, id: 'old-activity-2' }] };
    await t.store.save('c1', legacy, loaded.eTag);
    for (const id of ['old-activity-1', 'old-activity-2']) {
      expect((await t.runner.run({ conversationId: 'c1', activityId: id, kind: 'message', text: 'hello' })).outcome).toBe('duplicate');
    }
    await t.say('hi');
    // Raw ids stay matchable until they age out of the list.
    expect((await t.store.load('c1')).record?.recent?.map((r) => r.id)).toEqual(['old-activity-1', 'old-activity-2', activityTag('a2')]);
  });

  it('sends nothing until the save has succeeded', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    class SlowStorage extends MemoryStorage {
      override async write(changes: StoreItems): Promise<void> {
        await gate;
        return super.write(changes);
      }
    }
    const t = await setup(new SlowStorage());
    const sent: string[] = [];
    const adapter = new ConsoleAdapter((line) => sent.push(line));
    const bot = new AfterSalesBot(t.runner);
    const turn = adapter.receive('hello', (ctx) => bot.run(ctx));
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]);
    release();
    await turn;
    expect(sent[0]).toMatch(/^bot> Hi!/);
  });

  it('re-runs the turn on fresh state when another writer saved first, and says "busy" when that keeps happening', async () => {
    const storage = new MemoryStorage();
    const t = await setup(storage);
    await t.say('hello');
    let interfere = 1;
    const original = storage.write.bind(storage);
    storage.write = async (changes: StoreItems) => {
      if (interfere-- > 0) {
        // Another instance saves the same conversation between our load and our save.
        const { record, eTag } = await t.store.load('c1');
        if (record) await original({ '{conv:c1}:record': { ...record, turns: 99, eTag } });
      }
      return original(changes);
    };
    const ok = await t.say('thanks');
    expect(ok.replies.map((r) => r.key)).toEqual(['common:thanks']);
    expect((await t.store.load('c1')).record?.turns).toBe(100);

    interfere = 10;
    const busy = await t.say('thanks');
    expect(busy.failed).toBe(true);
    expect(busy.replies.map((r) => r.key)).toEqual(['common:errors.busy']);
    expect((await t.store.load('c1')).record?.turns).toBe(99);
  });

  it('a failing turn apologises in the buyer language, keeps the saved state and the buyer text, and logs the error', async () => {
    const t = await setup();
    await t.say('你好');
    const before = await t.store.load('c1');
    const failed = await t.say('crash me 快点');
    expect(failed.failed).toBe(true);
    expect(failed.lang).toBe('zh');
    expect(failed.replies.map((r) => r.key)).toEqual(['common:errors.generic']);
    expect(failed.replies[0]?.text).not.toMatch(/boom|Error|at /);
    expect(await t.store.load('c1')).toEqual(before);
    expect((await t.transcripts.list('c1')).map((e) => e.text)).toContain('crash me 快点');
    expect(t.lines.some((l) => l.msg === 'turn failed' && l.level === 'error')).toBe(true);
  });

  it('a turn that was saved still answers when the bot lines cannot be added to the transcript', async () => {
    /** Takes the buyer's line, then fails on the bot's (a transcript store outage right after the save). */
    class BotLinesFail extends MemoryTranscriptStore {
      override async append(conversationId: string, entries: Parameters<MemoryTranscriptStore['append']>[1]): Promise<void> {
        if (entries.some((e) => e.from === 'bot')) throw new Error('transcript store down');
        await super.append(conversationId, entries);
      }
    }
    const t = await setup(new MemoryStorage(), { transcripts: new BotLinesFail() });
    const r = await t.say('hello there');
    expect(r.failed).toBe(false);
    expect(r.replies.map((x) => x.key)).toEqual(['common:greeting']);
    expect((await t.store.load('c1')).record?.turns).toBe(1);
    expect(t.lines.some((l) => l.level === 'error' && String(l.msg).includes('transcript'))).toBe(true);
  });

  it('a redelivery after an unsaved attempt (instance died after writing the buyer line) does not write that line twice', async () => {
    const t = await setup();
    // What a killed instance leaves behind: the buyer's line in the transcript, nothing saved.
    await t.transcripts.append('c1', [{ at: '2026-11-22T10:00:00Z', from: 'buyer', text: 'hello there', activityId: activityTag('retry-1') }]);
    const r = await t.runner.run({ conversationId: 'c1', activityId: 'retry-1', kind: 'message', text: 'hello there' });
    expect(r.replies.map((x) => x.key)).toEqual(['common:greeting']);
    const lines = await t.transcripts.list('c1');
    expect(lines.map((l) => [l.from, l.text])).toEqual([
      ['buyer', 'hello there'],
      ['bot', r.replies[0]?.text],
    ]);
    // A different activity with the same words is a new line.
    await t.runner.run({ conversationId: 'c1', activityId: 'other', kind: 'message', text: 'thanks' });
    expect((await t.transcripts.list('c1')).filter((l) => l.from === 'buyer')).toHaveLength(2);
  });

  it('rejects empty and oversized messages without touching the saved state', async () => {
    const t = await setup();
    await t.say('hello');
    const before = await t.store.load('c1');
    expect((await t.say('   ')).replies.map((r) => r.key)).toEqual(['common:errors.empty']);
    const long = await t.say('x'.repeat(2001));
    expect(long.replies.map((r) => r.key)).toEqual(['common:errors.tooLong']);
    expect(long.replies[0]?.text).toContain('2000');
    expect(await t.store.load('c1')).toEqual(before);
  });

  it('a conflicting save is an error, not an overwrite', async () => {
    const t = await setup();
    await t.say('hello');
    const { record, eTag } = await t.store.load('c1');
    if (!record) throw new Error('no record');
    await t.store.save('c1', { ...record, turns: 5 }, eTag);
    await expect(t.store.save('c1', { ...record, turns: 6 }, eTag)).rejects.toBeInstanceOf(EtagConflictError);
    expect((await t.store.load('c1')).record?.turns).toBe(5);
  });
});

describe('refused messages are still in the transcript', () => {
  const buyerLines = async (t: Awaited<ReturnType<typeof setup>>, id = 'c1') =>
    (await t.transcripts.list(id)).filter((l) => l.from === 'buyer');

  it.each([
    ['en', 'thanks, one more thing', 'common:errors.busy'],
    ['zh', '谢谢，还有一件事', 'common:errors.busy'],
  ] as const)('busy (%s): the buyer line and the refusal are recorded, the state is untouched', async (lang, text, key) => {
    const lock = new MemoryConversationLock();
    const t = await setup(new MemoryStorage(), { lock, lockWaitMs: 30 });
    await t.say(lang === 'zh' ? '你好' : 'hello');
    const before = await t.store.load('c1');
    // Another turn of this conversation holds the lock for longer than we wait.
    const other = await lock.acquire('{conv:c1}:lock', { ttlMs: 10_000, waitMs: 0 });
    const busy = await t.runner.run({ conversationId: 'c1', activityId: 'late-1', kind: 'message', text });
    await other?.release();
    expect(busy.outcome).toBe('busy');
    expect(busy.lang).toBe(lang);
    expect(busy.replies.map((r) => r.key)).toEqual([key]);
    expect(await t.store.load('c1')).toEqual(before);
    const lines = await t.transcripts.list('c1');
    expect(lines.slice(-2).map((l) => [l.from, l.text, l.key, l.activityId])).toEqual([
      ['buyer', text, undefined, activityTag('late-1')],
      ['bot', busy.replies[0]?.text, key, undefined],
    ]);
    // Redelivered once the lock is free: processed now, but the buyer said it once.
    const again = await t.runner.run({ conversationId: 'c1', activityId: 'late-1', kind: 'message', text });
    expect(again.outcome).toBe('ok');
    expect((await buyerLines(t)).filter((l) => l.activityId === activityTag('late-1'))).toHaveLength(1);
  });

  it.each([
    ['en', 'hello', 'where is my parcel'],
    ['zh', '你好', '我的快递到哪了'],
  ] as const)('rate limited (%s): the message is recorded with the refusal, nothing runs', async (lang, first, second) => {
    const nlu = new KeywordNlu();
    const t = await setup(new MemoryStorage(), { nlu, rateLimiter: new MemoryRateLimiter(), conversationLimitPerMinute: 1 });
    await t.say(first);
    const before = await t.store.load('c1');
    const limited = await t.say(second);
    expect(limited.outcome).toBe('rate_limited');
    expect(limited.lang).toBe(lang);
    expect(limited.replies.map((r) => r.key)).toEqual(['limits:rateLimited']);
    expect(nlu.calls).toEqual([first]);
    expect(await t.store.load('c1')).toEqual(before);
    expect((await buyerLines(t)).map((l) => l.text)).toEqual([first, second]);
    expect((await t.transcripts.list('c1')).at(-1)).toMatchObject({ from: 'bot', key: 'limits:rateLimited', text: limited.replies[0]?.text });
  });

  it('rate limited with a lock: the lock granted with the limit check is given back at once', async () => {
    const lock = new MemoryConversationLock();
    const t = await setup(new MemoryStorage(), { lock, rateLimiter: new MemoryRateLimiter(), conversationLimitPerMinute: 1 });
    await t.say('hello');
    expect((await t.say('where is my parcel')).outcome).toBe('rate_limited');
    expect(lock.size).toBe(0);
    expect(await lock.acquire('{conv:c1}:lock', { ttlMs: 1000, waitMs: 0 })).toBeDefined();
  });

  it("the bot's lines are in the transcript before the next turn of the conversation gets the lock", async () => {
    const lock = new MemoryConversationLock();
    const t = await setup(new MemoryStorage(), { lock });
    await Promise.all([t.say('hello'), t.say('你好')]);
    expect((await t.transcripts.list('c1')).map((l) => [l.from, l.text === 'hello' || l.text === '你好' ? l.text : l.key])).toEqual([
      ['buyer', 'hello'],
      ['bot', 'common:greeting'],
      ['buyer', '你好'],
      ['bot', 'common:greeting'],
    ]);
    expect(lock.size).toBe(0);
  });

  it.each([
    ['en', 'x'.repeat(2500)],
    ['zh', '太长了'.repeat(1000)],
  ] as const)('too long (%s): a truncated copy marked with its full length, the state untouched', async (lang, text) => {
    const t = await setup();
    await t.say(lang === 'zh' ? '你好' : 'hello');
    const before = await t.store.load('c1');
    const long = await t.say(text);
    expect(long.replies.map((r) => r.key)).toEqual(['common:errors.tooLong']);
    expect(long.lang).toBe(lang);
    expect(await t.store.load('c1')).toEqual(before);
    const line = (await buyerLines(t)).at(-1);
    expect(line?.truncatedFrom).toBe(text.length);
    expect(line?.text).toBe(`${text.slice(0, 2000)}…`);
    expect((await t.transcripts.list('c1')).at(-1)).toMatchObject({ from: 'bot', key: 'common:errors.tooLong' });
    // A message within the limit carries no marker.
    expect((await buyerLines(t))[0]?.truncatedFrom).toBeUndefined();
  });

  it('cuts an over-long message without splitting an emoji in two', async () => {
    const t = await setup(new MemoryStorage(), { maxMessageChars: 5 });
    await t.say('abcd😀😀');
    const line = (await buyerLines(t)).at(-1);
    expect(line?.text).toBe('abcd…');
    expect(line?.truncatedFrom).toBe(8);
  });
});

describe('language per message, remembered, switchable', () => {
  it('detects, remembers for neutral messages, and follows an explicit switch', async () => {
    const t = await setup();
    expect((await t.say('hello')).lang).toBe('en');
    expect((await t.say('我的order呢')).lang).toBe('zh');
    expect((await t.say('123-4567')).lang).toBe('zh');
    const sw = await t.say('English please');
    expect(sw.lang).toBe('en');
    expect(sw.replies.map((r) => r.key)).toEqual(['common:languageSwitched']);
    const pinned = await t.say('你好');
    expect(pinned.lang).toBe('en');
    expect(pinned.replies[0]?.text).toMatch(/^Hi!/);
    const back = await t.say('说中文');
    expect(back.lang).toBe('zh');
    expect(back.replies[0]?.text).toMatch(/中文/);
  });
});
