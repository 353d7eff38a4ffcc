import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { DEMO, emailOf, harness, postalOf, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

describe.each(LANGS)('cancel order (%s)', (lang) => {
  const p = PHRASES[lang];
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });

  it('inside the buyer window: verifies, confirms, cancels as the buyer', async () => {
    const c = h.chat();
    expect(await c.say(p.cancel(DEMO.justPlaced.id))).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    expect(c.last?.lang).toBe(lang);
    expect(c.choices()).toEqual(['yes', 'no']);
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
    const order = await h.assistant.services.orders.findById(DEMO.justPlaced.id);
    expect(order?.status).toBe('cancelled');
    expect(order?.cancelledBy).toBe('buyer');
  });

  it('unshipped after the buyer window: the seller cancels (postal code verifies too)', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.unshipped2d.id));
    expect(await c.say(await postalOf(h, DEMO.unshipped2d.id))).toEqual(['cancel:confirm']);
    expect(await c.choose('yes')).toEqual(['cancel:done']);
    const order = await h.assistant.services.orders.findById(DEMO.unshipped2d.id);
    expect(order?.status).toBe('cancelled');
    expect(order?.cancelledBy).toBe('seller');
  });

  it('a seller cancel that needs an approval: hands off with the pending cancel on the ticket, cancels nothing', async () => {
    const g = await harness({ policy: { ...DEFAULT_POLICY, sellerCancelNeedsApproval: true } });
    const c = g.chat();
    await c.say(p.cancel(DEMO.unshipped2d.id));
    expect(await c.say(await emailOf(g, DEMO.unshipped2d.id))).toEqual(['cancel:needsApproval', 'handoff:queued']);
    const [ticket] = await g.assistant.services.handoff.queue();
    expect(ticket).toMatchObject({ reason: 'policy_exception', lang, pending: { kind: 'cancel', orderId: DEMO.unshipped2d.id, by: 'seller', reason: 'buyer_request' } });
    expect((await g.assistant.services.orders.findById(DEMO.unshipped2d.id))?.status).toBe('unshipped');
  });

  it('a handoff the buyer asked for carries no pending action (approving it only records it)', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    await c.say(p.agent);
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket?.reason).toBe('asked');
    expect(ticket?.pending).toBeUndefined();
  });

  it('answering after the 30-minute window still cancels, now as the seller (deadline checked on the next turn)', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    h.clock.advanceMinutes(25);
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.cancelledBy).toBe('seller');
  });

  it('saying no keeps the order', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    await c.say(await emailOf(h, DEMO.justPlaced.id));
    expect(await c.say(p.no)).toEqual(['cancel:kept']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
  });

  it('shipped: explains it cannot be cancelled and offers tracking / the return path', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.onTime.id));
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['cancel:shipped']);
    expect(c.choices()).toContain('intent:track_order');
    expect((await h.assistant.services.orders.findById(DEMO.onTime.id))?.status).toBe('shipped');
  });

  it('delivered: offers a return until the deadline, and the offer starts the return flow on the same verified order', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['cancel:deliveredOfferReturn']);
    expect(await c.choose('intent:return_item')).toEqual(['returns:askItems']);
  });

  it('already cancelled: says so, changes nothing', async () => {
    const c = h.chat();
    await c.say(p.cancel(DEMO.cancelled.id));
    expect(await c.say(await emailOf(h, DEMO.cancelled.id))).toEqual(['cancel:alreadyCancelled']);
  });
});
