/**
 * Round 8 of issue 15, the verified order as the subject of follow-ups: after a refused cancel, "so when will it
 * get hear then?" (the typo as typed) and "唉 那啥时候能到啊" (啥时候, colloquial) track that order, never asking
 * for the order number again and never "I can only help with this shop". Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

const WHEN: Record<Lang, string> = { en: 'ugh ok. so when will it get hear then?', zh: '唉 那啥时候能到啊' };

describe.each(LANGS)('a colloquial "when will it arrive then?" about the verified order (%s)', (lang) => {
  it('tracks the order the refused cancel was about', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(PHRASES[lang].cancel(DEMO.late.id));
    expect(await c.say(await emailOf(h, DEMO.late.id))).toEqual(['cancel:shipped']);
    const keys = await c.say(WHEN[lang]);
    expect(keys[0]).toMatch(/^track:/);
    expect(keys).not.toContain('verify:askOrderId');
    expect((await h.assistant.services.orders.findById(DEMO.late.id))?.status).not.toBe('cancelled');
  });
});
