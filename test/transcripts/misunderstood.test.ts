/**
 * Two misunderstood messages in a row, anywhere (root routing or any question inside a flow), bring
 * the offer of a person; accepting it queues a ticket with reason `misunderstood`, declining carries on.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { DEMO, emailOf, harness, type Chat, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';
import { press } from './quick-replies.js';

const QUEUED = expect.stringMatching(/^handoff:(queued|afterHours)$/);

async function ticketOf(h: Harness, c: Chat) {
  const tickets = await h.assistant.services.handoff.byConversation(c.id);
  expect(tickets).toHaveLength(1);
  return tickets[0];
}

describe.each(LANGS)('misunderstood answers (%s)', (lang) => {
  const p = PHRASES[lang];

  it('garbage twice while asked for the order number → offer of a person → accepted → ticket with reason misunderstood', async () => {
    const h = await harness();
    const c = h.chat();
    const start = lang === 'en' ? 'I want to cancel my order' : '我想取消订单';
    expect(await c.say(start)).toEqual(['verify:askOrderId']);
    expect(await c.say(p.gibberish)).toEqual(['verify:orderIdNotRecognised']);
    expect(await c.say(p.gibberish2)).toEqual(['verify:orderIdNotRecognised', 'common:offerAgent']);
    expect(c.choices()).toEqual(['intent:human_agent', 'intent:none']);
    expect(await press(c, 'intent:human_agent')).toEqual([QUEUED]);
    expect(await ticketOf(h, c)).toMatchObject({ reason: 'misunderstood', intent: 'cancel_order', lang, state: 'queued' });
  });

  it('a good answer in between resets the count: one miss, an order number, one miss → no offer', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(lang === 'en' ? 'Where is my order?' : '我的订单到哪了？');
    expect(await c.say(p.gibberish)).toEqual(['verify:orderIdNotRecognised']);
    expect(await c.say(DEMO.onTime.id)).toEqual(['verify:askDetail']);
    expect(await c.say(p.gibberish2)).toEqual(['verify:detailNotRecognised']);
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
  });

  it('declining the offer asks the pending question again, and the flow finishes normally', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(await c.say(p.gibberish)).toEqual(['cancel:confirm']);
    expect(await c.say(p.gibberish2)).toEqual(['cancel:confirm', 'common:offerAgent']);
    expect(await press(c, 'intent:none')).toEqual(['common:carryOn', 'cancel:confirm']);
    // Declining is understood: one more miss alone does not bring the offer back.
    expect(await c.say(p.gibberish)).toEqual(['cancel:confirm']);
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
    expect(await h.assistant.services.handoff.byConversation(c.id)).toEqual([]);
  });

  it('at the root too: accepting the offer after two misses queues with reason misunderstood', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.gibberish);
    expect(await c.say(p.gibberish2)).toEqual(['common:offerAgent']);
    expect(await press(c, 'intent:human_agent')).toEqual([QUEUED]);
    expect(await ticketOf(h, c)).toMatchObject({ reason: 'misunderstood' });
  });

  it('at the root, declining asks the buyer to rephrase, with the menu (not "out of scope")', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.gibberish);
    await c.say(p.gibberish2);
    expect(await press(c, 'intent:none')).toEqual(['common:rephrase']);
    expect(c.choices()).toContain('intent:track_order');
  });

  it('asking for a person without any misunderstanding queues with reason asked', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.agent)).toEqual([QUEUED]);
    expect(await ticketOf(h, c)).toMatchObject({ reason: 'asked' });
  });

  it('a miss at the root and a miss in the flow that follows count together', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.gibberish)).toEqual([expect.stringMatching(/^common:(fallback|outOfScope)$/)]);
    // The next message starts a flow: understood, so the count starts again.
    expect(await c.say(lang === 'en' ? 'I want to cancel my order' : '我想取消订单')).toEqual(['verify:askOrderId']);
    expect(await c.say(p.gibberish)).toEqual(['verify:orderIdNotRecognised']);
    expect(await c.say(p.gibberish2)).toEqual(['verify:orderIdNotRecognised', 'common:offerAgent']);
  });

  // Every question of the flows that adopted the mechanism: two unrecognised answers → its re-ask + the offer.
  const QUESTIONS: { name: string; policy?: typeof DEFAULT_POLICY; reach(h: Harness, c: Chat): Promise<unknown>; reask: string }[] = [
    {
      name: 'verification: email or postal code',
      reach: (_h, c) => c.say(p.track(DEMO.onTime.id)),
      reask: 'verify:detailNotRecognised',
    },
    {
      name: 'address: cancel and reorder?',
      reach: async (h, c) => {
        await c.say(p.address(DEMO.unshipped2d.id));
        await c.say(await emailOf(h, DEMO.unshipped2d.id));
      },
      reask: 'address:cancelAndReorder',
    },
    {
      name: 'address: redirect or handle it at the old address?',
      reach: async (h, c) => {
        await c.say(p.address(DEMO.onTime.id));
        await c.say(await emailOf(h, DEMO.onTime.id));
      },
      reask: 'address:shippedMinusShipping',
    },
    {
      name: 'address: the new address',
      policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' },
      reach: async (h, c) => {
        await c.say(p.address(DEMO.unshipped2d.id));
        await c.say(await emailOf(h, DEMO.unshipped2d.id));
      },
      reask: 'address:addressIncomplete',
    },
    {
      name: 'address: is this address right?',
      policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' },
      reach: async (h, c) => {
        await c.say(p.address(DEMO.unshipped2d.id));
        await c.say(await emailOf(h, DEMO.unshipped2d.id));
        await c.say(p.newAddress);
      },
      reask: 'address:confirmNew',
    },
    {
      name: 'tracking: did you receive it?',
      reach: async (h, c) => {
        await c.say(p.track(DEMO.delivered5d.id));
        await c.say(await emailOf(h, DEMO.delivered5d.id));
      },
      reask: 'track:delivered',
    },
    {
      name: 'tracking: still missing after the checks?',
      reach: async (h, c) => {
        await c.say(p.track(DEMO.delivered5d.id));
        await c.say(await emailOf(h, DEMO.delivered5d.id));
        await c.choose('notReceived');
      },
      reask: 'track:notReceivedChecks',
    },
    {
      name: 'tracking: refund or reship?',
      reach: async (h, c) => {
        await c.say(p.track(DEMO.late.id));
        await c.say(await emailOf(h, DEMO.late.id));
      },
      reask: 'track:chooseRemedy',
    },
  ];

  it.each(QUESTIONS)('$name: two unrecognised answers → the question again, then the offer; nothing changes', async ({ policy, reach, reask }) => {
    const h = await harness(policy ? { policy } : {});
    const c = h.chat();
    await reach(h, c);
    const before = JSON.stringify(await h.assistant.services.orders.findById(DEMO.unshipped2d.id));
    expect(await c.say(p.gibberish)).toEqual([reask]);
    expect(await c.say(p.gibberish2)).toEqual([reask, 'common:offerAgent']);
    expect(JSON.stringify(await h.assistant.services.orders.findById(DEMO.unshipped2d.id))).toBe(before);
    expect(await press(c, 'intent:human_agent')).toEqual([QUEUED]);
    expect(await ticketOf(h, c)).toMatchObject({ reason: 'misunderstood' });
  });
});
