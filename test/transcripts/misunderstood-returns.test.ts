/**
 * The misunderstanding count in the return and complaint flows: every choice they wait for reports an
 * answer it does not recognise, so the second in a row brings the offer of a person; the complaint's
 * "tell me what happened" takes any words and never counts. Declining carries on with the same question.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, emailOf, harness, type Chat, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';
import { press } from './quick-replies.js';

const QUEUED = expect.stringMatching(/^handoff:(queued|afterHours)$/);

async function ticketOf(h: Harness, c: Chat) {
  const tickets = await h.assistant.services.handoff.byConversation(c.id);
  expect(tickets).toHaveLength(1);
  return tickets[0];
}

describe.each(LANGS)('misunderstood answers in returns and complaints (%s)', (lang) => {
  const p = PHRASES[lang];

  /** Starts a return on a demo order and verifies it with the order's email. */
  async function returning(h: Harness, orderId: string): Promise<Chat> {
    const c = h.chat();
    await c.say(p.returnItem(orderId));
    await c.say(await emailOf(h, orderId));
    return c;
  }

  // Every choice the return and complaint flows wait for, and what it says again after an unrecognised answer.
  const QUESTIONS: { name: string; reach(h: Harness): Promise<Chat>; reask: string; intent: string }[] = [
    {
      name: 'return: which item?',
      reach: (h) => returning(h, DEMO.delivered5d.id),
      reask: 'returns:itemNotRecognised',
      intent: 'return_item',
    },
    {
      name: 'return: why?',
      reach: (h) => returning(h, DEMO.eu29d.id),
      reask: 'returns:reasonNotRecognised',
      intent: 'return_item',
    },
    {
      name: "return: buyer's choice offer (condition still open)",
      reach: async (h) => {
        const c = await returning(h, DEMO.eu29d.id);
        expect(await press(c, 'reason:wrong_size_or_colour')).toEqual(['returns:offerBuyerPaysIfUnused']);
        return c;
      },
      reask: 'returns:offerBuyerPaysIfUnused',
      intent: 'return_item',
    },
    {
      // A cheap damaged item may be kept or sent back: a real choice, so the seller's-fault offer still asks.
      name: 'return: which option?',
      reach: async (h) => {
        const c = await returning(h, DEMO.cheapDamaged.id);
        expect(await press(c, 'reason:damaged')).toEqual(['returns:offerSellerPays']);
        return c;
      },
      reask: 'returns:offerSellerPays',
      intent: 'return_item',
    },
    {
      name: 'return: register a warranty claim?',
      reach: async (h) => {
        const c = await returning(h, DEMO.delivered31d.id);
        expect(await press(c, 'reason:defective')).toEqual(['returns:warranty.marketplace']);
        return c;
      },
      reask: 'returns:warranty.marketplace',
      intent: 'return_item',
    },
    {
      name: 'return: another return, or is that all?',
      reach: async (h) => {
        const first = await returning(h, DEMO.cheapDamaged.id);
        await press(first, 'reason:damaged');
        expect(await press(first, 'opt:refund')).toEqual(['returns:labelReady.seller']);
        const c = await returning(h, DEMO.cheapDamaged.id);
        expect(c.last?.replies.map((r) => r.key)).toEqual(['returns:status.authorized']);
        return c;
      },
      reask: 'returns:status.authorized',
      intent: 'return_item',
    },
  ];

  it.each(QUESTIONS)('$name: garbage twice → the question again, then the offer → accepted → ticket reason misunderstood', async ({ reach, reask, intent }) => {
    const h = await harness();
    const c = await reach(h);
    const returnsBefore = (await h.assistant.services.orders.listReturns(DEMO.cheapDamaged.id)).length;
    const offered = c.choices();
    expect(await c.say(p.gibberish)).toEqual([reask]);
    // The same buttons come back with the question.
    expect(c.choices()).toEqual(offered);
    expect(await c.say(p.gibberish2)).toEqual([reask, 'common:offerAgent']);
    expect(c.choices()).toEqual([...offered, 'intent:human_agent', 'intent:none']);
    expect(await press(c, 'intent:human_agent')).toEqual([QUEUED]);
    expect(await ticketOf(h, c)).toMatchObject({ reason: 'misunderstood', intent, lang, state: 'queued' });
    // Nothing was agreed on the way: no new return, no complaint recorded.
    expect(await h.assistant.services.orders.listReturns(DEMO.cheapDamaged.id)).toHaveLength(returnsBefore);
    expect(await h.assistant.services.complaints.list({ conversationId: c.id })).toEqual([]);
  });

  it('return: declining the offer asks the same question again, and the return goes on', async () => {
    const h = await harness();
    const c = await returning(h, DEMO.eu29d.id);
    expect(c.last?.replies.map((r) => r.key)).toEqual(['returns:askReason']);
    expect(await c.say(p.gibberish)).toEqual(['returns:reasonNotRecognised']);
    expect(await c.say(p.gibberish2)).toEqual(['returns:reasonNotRecognised', 'common:offerAgent']);
    expect(await press(c, 'intent:none')).toEqual(['common:carryOn', 'returns:askReason']);
    expect(c.choices()).toContain('reason:wrong_size_or_colour');
    // Declining is understood: one more miss alone does not bring the offer back.
    expect(await c.say(p.gibberish)).toEqual(['returns:reasonNotRecognised']);
    expect(await press(c, 'reason:wrong_size_or_colour')).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await press(c, 'opt:refund')).toEqual(['returns:labelReady.buyer']);
    expect(await h.assistant.services.orders.listReturns(DEMO.eu29d.id)).toHaveLength(1);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('complaint: the category buttons are a convenience: an answer that names no kind records it as "something else", with every word', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainShort)).toEqual(['complaint:askDetails']);
    expect(await c.say(p.gibberish)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    expect(await c.say(p.gibberish2)).toEqual(['complaint:recorded.other']);
    const [record] = await h.assistant.services.complaints.list({ conversationId: c.id });
    expect(record).toMatchObject({ category: 'other', buyerText: [p.complainShort, p.gibberish, p.gibberish2] });
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('return: one miss, then a valid answer resets the count; the next miss alone brings no offer', async () => {
    const h = await harness();
    const c = await returning(h, DEMO.eu29d.id);
    expect(await c.say(p.gibberish)).toEqual(['returns:reasonNotRecognised']);
    expect(await press(c, 'reason:no_longer_needed')).toEqual(['returns:offerBuyerPaysIfUnused']);
    expect(await c.say(p.gibberish2)).toEqual(['returns:offerBuyerPaysIfUnused']);
    // A lower condition pressed at the offer: the deducted refund is stated before anything is issued.
    expect(await press(c, 'cond:used')).toEqual(['returns:offerBuyerPaysDeducted']);
    expect(await c.say(p.gibberish)).toEqual(['returns:offerBuyerPaysDeducted']);
    expect(await press(c, 'opt:refund')).toEqual(['returns:labelReady.buyer']);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('complaint: "tell me what happened" takes any words, so they never count as misunderstood', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.complainShort)).toEqual(['complaint:askDetails']);
    expect(await c.say(p.gibberish)).toEqual(['complaint:sorry', 'complaint:askCategory']);
    // The story was not counted as a miss, and the category answer is taken as it comes: no offer of a person.
    expect(await c.say(p.gibberish2)).toEqual(['complaint:recorded.other']);
  });

  it('warranty: a typed yes to "shall I?" registers the claim; a typed no ends without one', async () => {
    const h = await harness();
    const c = await returning(h, DEMO.delivered31d.id);
    await press(c, 'reason:defective');
    expect(await c.say(p.yes)).toEqual(['returns:warrantyLabelReady']);
    expect(await h.assistant.services.orders.listReturns(DEMO.delivered31d.id)).toMatchObject([{ resolution: 'warranty_repair' }]);
    const h2 = await harness();
    const d = await returning(h2, DEMO.delivered31d.id);
    await press(d, 'reason:defective');
    expect(await d.say(p.no)).toEqual(['returns:noReturn']);
    expect(await h2.assistant.services.orders.listReturns(DEMO.delivered31d.id)).toEqual([]);
  });

  it('an open return: a typed "that\'s all" ends it, typing another return starts one', async () => {
    const h = await harness();
    const first = await returning(h, DEMO.cheapDamaged.id);
    await press(first, 'reason:damaged');
    await press(first, 'opt:refund');
    const c = await returning(h, DEMO.cheapDamaged.id);
    expect(await c.say(p.no)).toEqual(['common:thanks']);
    const d = await returning(h, DEMO.cheapDamaged.id);
    expect(await d.say(lang === 'en' ? 'I want to return another item' : '我想再申请一个退货')).toEqual(['returns:askReason']);
  });
});
