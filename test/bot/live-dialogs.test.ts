/**
 * Dialog actors kept running between turns (src/bot/live-dialogs.ts): reused only while the stored
 * record is exactly what their own turn saved, never after another instance's turn or a failed
 * save, bounded in number and idle time; the conversation goes exactly as when every turn restores.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { LiveDialogs, type LiveDialog } from '../../src/bot/live-dialogs.js';
import { loadConfig } from '../../src/config.js';
import { createConversationStore, type ConversationRecord } from '../../src/state/conversation-store.js';
import { MemoryStorage, StorageUnavailableError, type StoreItems } from '../../src/state/storage.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS, PHRASES } from '../transcripts/phrases.js';

const REC: ConversationRecord = { snapshot: undefined, lang: 'en', langPinned: false, createdAt: '', updatedAt: '', turns: 1 };
const saved = { stored: 's', record: REC };

function fakeDialog(): LiveDialog & { stop: ReturnType<typeof vi.fn> } {
  const stop = vi.fn();
  return { actor: { stop } as unknown as AnyActorRef, sink: { replies: [], failure: undefined, wake: undefined }, stop };
}

describe('LiveDialogs', () => {
  it('hands an actor back only for the stored form it was kept with; any other stops it', () => {
    const live = new LiveDialogs({ max: 10 });
    const a = fakeDialog();
    live.keep('c1', a, { stored: 'stored-1', record: REC });
    expect(live.take('c1', 'stored-1')?.actor).toBe(a.actor);
    expect(a.stop).not.toHaveBeenCalled();
    live.keep('c1', a, { stored: 'stored-2', record: REC });
    expect(live.take('c1', 'stored-3')).toBeUndefined();
    expect(a.stop).toHaveBeenCalledTimes(1);
    expect(live.take('c1', 'stored-2')).toBeUndefined(); // gone once taken
    expect(live.stats()).toEqual({ kept: 0, hits: 1, misses: 2 });
  });

  it('keeps at most `max`, stopping the least recently used; idle ones expire', () => {
    let now = 0;
    const live = new LiveDialogs({ max: 2, idleMs: 1000, now: () => now });
    const [a, b, c] = [fakeDialog(), fakeDialog(), fakeDialog()];
    live.keep('a', a, saved);
    live.keep('b', b, saved);
    expect(live.take('a', 's')).toBeDefined();
    live.keep('a', a, saved); // a is now the most recent
    live.keep('c', c, saved);
    expect(b.stop).toHaveBeenCalledTimes(1);
    expect(live.stats().kept).toBe(2);
    now = 1001;
    expect(live.peek('a')).toBeUndefined();
    expect(a.stop).toHaveBeenCalledTimes(1);
    expect(live.take('a', 's')).toBeUndefined();
    live.keep('a', a, saved); // sweeps c, idle since 0
    expect(c.stop).toHaveBeenCalledTimes(1);
    expect(live.stats().kept).toBe(1);
    expect(live.peek('a')).toEqual(saved);
    const off = new LiveDialogs({ max: 0 });
    const d = fakeDialog();
    off.keep('d', d, saved);
    expect(d.stop).toHaveBeenCalledTimes(1);
    expect(off.stats().kept).toBe(0);
  });
});

describe('loading a record this process saved', () => {
  it('returns the saved object while the stored form is unchanged, and unpacks anything else', async () => {
    const storage = new MemoryStorage();
    const store = createConversationStore(storage);
    const record: ConversationRecord = { ...REC, turns: 2, reference: { conversation: { id: 'c1' }, channelId: 'test' } };
    const { stored } = await store.save('c1', record, undefined);
    const same = await store.load('c1', { stored, record });
    expect(same.record).toBe(record);
    expect(same.stored).toBe(stored);
    const { eTag } = same;
    await store.save('c1', { ...record, turns: 3 }, eTag);
    const changed = await store.load('c1', { stored, record });
    expect(changed.record).not.toBe(record);
    expect(changed.record?.turns).toBe(3);
    expect(changed.record?.reference).toEqual(record.reference);
  });
});

describe('LIVE_DIALOGS_MAX', () => {
  it('defaults to 1000, 0 turns it off, anything else is refused with its name', () => {
    expect(loadConfig({}).liveDialogsMax).toBe(1000);
    expect(loadConfig({ LIVE_DIALOGS_MAX: '0' }).liveDialogsMax).toBe(0);
    expect(() => loadConfig({ LIVE_DIALOGS_MAX: '-1' })).toThrow(/LIVE_DIALOGS_MAX/);
    expect(() => loadConfig({ LIVE_DIALOGS_MAX: 'lots' })).toThrow(/LIVE_DIALOGS_MAX/);
  });
});

describe.each(LANGS)('live dialogs in the assistant (%s)', (lang) => {
  const p = PHRASES[lang];

  it('later turns reuse the actor, and the conversation goes exactly as when every turn restores', async () => {
    const runs = [];
    for (const liveDialogsMax of [1000, 0]) {
      const h = await harness({ config: { liveDialogsMax } });
      const c = h.chat('conv-live');
      const keys = [await c.say(p.cancel(DEMO.justPlaced.id)), await c.say(await emailOf(h, DEMO.justPlaced.id)), await c.say(p.yes)];
      const { record } = await h.assistant.store.load(c.id);
      runs.push({ keys, value: (record?.snapshot as { value?: unknown }).value, stats: h.assistant.liveDialogs.stats(), order: await h.assistant.services.orders.findById(DEMO.justPlaced.id) });
    }
    const [live, restored] = runs;
    expect(live?.keys).toEqual([['verify:askDetail'], ['cancel:confirm'], ['cancel:done']]);
    expect(restored?.keys).toEqual(live?.keys);
    expect(restored?.value).toEqual(live?.value);
    expect(live?.order?.status).toBe('cancelled');
    expect(live?.stats).toEqual({ kept: 1, hits: 2, misses: 0 });
    expect(restored?.stats).toEqual({ kept: 0, hits: 0, misses: 2 });
  });

  it("after another instance's turn the kept actor is dropped and the saved state is restored", async () => {
    const storage = new MemoryStorage();
    const a = await harness({ storage });
    const b = await harness({ storage });
    const onA = a.chat('conv-shared');
    const onB = b.chat('conv-shared');
    expect(await onA.say(p.cancel(DEMO.justPlaced.id))).toEqual(['verify:askDetail']);
    expect(await onB.say(await emailOf(b, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    // A's actor still waits for the verification detail; the stored record waits for yes or no.
    expect(await onA.say(p.yes)).toEqual(['cancel:done']);
    expect((await a.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('cancelled');
    expect(a.assistant.liveDialogs.stats()).toMatchObject({ hits: 0, misses: 1, kept: 1 });
  });

  it('an actor idle for over 10 minutes is dropped and the next turn restores from the record', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.cancel(DEMO.justPlaced.id))).toEqual(['verify:askDetail']);
    h.clock.advanceMinutes(11);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    expect(h.assistant.liveDialogs.stats()).toMatchObject({ hits: 0, misses: 1, kept: 1 });
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
    expect(h.assistant.liveDialogs.stats()).toMatchObject({ hits: 1, misses: 1, kept: 1 });
  });

  it('a turn whose save failed leaves no actor behind: the next one starts from what was saved', async () => {
    class FlakyStorage extends MemoryStorage {
      failNext = false;
      override async write(changes: StoreItems): Promise<void> {
        if (this.failNext) {
          this.failNext = false;
          throw new StorageUnavailableError('write refused for the test');
        }
        return super.write(changes);
      }
    }
    const storage = new FlakyStorage();
    const h = await harness({ storage });
    const c = h.chat();
    expect(await c.say(p.cancel(DEMO.justPlaced.id))).toEqual(['verify:askDetail']);
    expect(h.assistant.liveDialogs.stats().kept).toBe(1);
    storage.failNext = true;
    const email = await emailOf(h, DEMO.justPlaced.id);
    expect(await c.say(email)).toEqual(['common:errors.storageUnavailable']);
    expect(h.assistant.liveDialogs.stats().kept).toBe(0);
    // Had the actor that ran ahead (verified, asking to confirm) been kept, this yes would cancel.
    const next = await c.say(p.yes);
    expect(next[0]).toMatch(/^verify:/);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).not.toBe('cancelled');
  });
});
