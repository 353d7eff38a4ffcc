/**
 * Round 8 of issue 15, facts given in passing: a complaint names a late order and offers to look it up; the email or
 * postcode the buyer then sends alone is that order's check, and the parcel is tracked (it was a greeting menu).
 * Both languages, through the real app; nothing is cancelled or returned.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, postalOf, type Harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { complain: (id: string) => string; detail: (h: Harness, id: string) => Promise<string> }> = {
  en: { complain: (id) => `this is ridiculous. my headset was supposed to be here by now. order ${id}`, detail: (h, id) => emailOf(h, id) },
  zh: { complain: (id) => `我要投诉！！耳机超时了都没到 ${id}`, detail: (h, id) => postalOf(h, id) },
};

describe.each(LANGS)('the check sent alone after a complaint about a named order (%s)', (lang) => {
  it('verifies that order and tracks it', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.late.id;
    const first = await c.say(W[lang].complain(id));
    expect(first.some((k) => k.startsWith('complaint:'))).toBe(true);
    const keys = await c.say(await W[lang].detail(h, id));
    expect(keys.some((k) => k.startsWith('track:'))).toBe(true);
    expect(await h.assistant.services.orders.listReturns(id)).toEqual([]);
    expect((await h.assistant.services.orders.findById(id))?.status).not.toBe('cancelled');
  });
});
