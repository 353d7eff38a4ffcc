import { describe, expect, it } from 'vitest';
import { harness, DEMO } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

describe.each(LANGS)('complaints and negative reviews (%s)', (lang) => {
  const p = PHRASES[lang];

  it('a detailed quality complaint: apology, recorded with the buyer words, the return path offered', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainDamaged(DEMO.delivered5d.id))).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    expect(c.choices()).toContain('intent:return_item');
    const [record] = await h.assistant.services.complaints.list();
    expect(record).toMatchObject({ category: 'product_quality', severity: 'normal' });
    expect(record?.buyerText).toEqual([p.complainDamaged(DEMO.delivered5d.id)]);
  });

  it('a short complaint: listens, asks the category, records it', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainShort)).toEqual(['complaint:askDetails']);
    expect(await c.say(p.complainReview.slice(0, 12))).toEqual(['complaint:sorry', 'complaint:askCategory']);
    expect(await c.choose('cat:delivery')).toEqual(['complaint:recorded.delivery']);
    const [record] = await h.assistant.services.complaints.list();
    expect(record?.buyerText).toEqual([p.complainShort, p.complainReview.slice(0, 12)]);
  });

  it('a negative review: explains the review rule (nothing in exchange) and hands off to a person', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainReview)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    const keys = await c.choose('cat:negative_review');
    expect(keys[0]).toBe('complaint:severeReview');
    expect(keys[1]).toMatch(/^handoff:(queued|afterHours)$/);
    expect((await h.assistant.services.handoff.queue())[0]).toMatchObject({ reason: 'severe_complaint', lang });
  });

  it('a safety complaint is severe: flagged urgent and handed off', async () => {
    const h = await harness();
    const c = h.chat();
    const first = await c.say(p.complainLawyer);
    expect(first.slice(0, 2)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    const keys = await c.choose('cat:product_quality');
    expect(keys[0]).toBe('complaint:severe');
    const [record] = await h.assistant.services.complaints.list();
    expect(record?.severity).toBe('severe');
  });
});
