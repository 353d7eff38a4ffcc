import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DemoTrackingService } from '../../src/services/tracking/index.js';
import { DEMO, emailOf, harness, postalOf, T0, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

/** The seller ships the order while the buyer is still answering. */
async function shipMeanwhile(h: Harness, orderId: string): Promise<void> {
  const orders = h.assistant.services.orders;
  if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
  const order = await orders.findById(orderId);
  if (!order) throw new Error(`demo order ${orderId} missing`);
  await orders.upsertOrders([{ ...order, status: 'shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: T0.toISOString() }]);
}

describe.each(LANGS)('change the shipping address (%s)', (lang) => {
  const p = PHRASES[lang];

  it('not shipped, marketplace rule: cancel and reorder, after confirmation', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    expect(await c.say(await emailOf(h, DEMO.unshipped2d.id))).toEqual(['address:cancelAndReorder']);
    expect(await c.say(p.yes)).toEqual(['address:cancelledReorder']);
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.status).toBe('cancelled');
  });

  it('cancel and reorder that needs an approval: hands off with the pending cancel on the ticket, cancels nothing', async () => {
    const h = await harness({ policy: { ...DEFAULT_POLICY, sellerCancelNeedsApproval: true } });
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    expect(await c.say(await emailOf(h, DEMO.unshipped2d.id))).toEqual(['address:needsApproval', 'handoff:queued']);
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket).toMatchObject({ reason: 'policy_exception', lang, pending: { kind: 'cancel', orderId: DEMO.unshipped2d.id, by: 'seller', reason: 'address_change' } });
    expect(ticket?.summary).toContainEqual({ key: 'handoff:summaryPending.cancel', values: { orderId: DEMO.unshipped2d.id } });
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.status).toBe('unshipped');
  });

  it('not shipped, "update address" policy: new address, confirmation, re-verification, then updated', async () => {
    const h = await harness({ policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' } });
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    expect(await c.say(await emailOf(h, DEMO.unshipped2d.id))).toEqual(['address:askNew']);
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(c.texts()[0]).toContain(p.newAddress.slice(0, 10));
    expect(await c.say(p.yes)).toEqual(['address:reverify']);
    expect(await c.say(await postalOf(h, DEMO.unshipped2d.id))).toEqual(['address:updated']);
    const order = await h.assistant.services.orders.findById(DEMO.unshipped2d.id);
    expect(order?.addressChangeRequest).toMatchObject({ kind: 'update' });
    expect(order?.status).toBe('unshipped');
  });

  it('update policy, the order ships before the re-check: no update, the options for a shipped parcel follow', async () => {
    const h = await harness({ policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' } });
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    await c.say(await emailOf(h, DEMO.unshipped2d.id));
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:reverify']);
    await shipMeanwhile(h, DEMO.unshipped2d.id);
    expect(await c.say(await postalOf(h, DEMO.unshipped2d.id))).toEqual(['address:shippedMinusShipping']);
    // The flow goes on with the shipped options: they answer, not a finished flow.
    expect(c.choices()).toEqual(['redirect', 'resident']);
    expect(await c.choose('resident')).toEqual(['address:residentSteps']);
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.addressChangeRequest).toBeUndefined();
  });

  it('redirect confirmed after the parcel was delivered: no redirect, the delivered options instead', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.onTime.id));
    await c.say(await emailOf(h, DEMO.onTime.id));
    await c.choose('redirect');
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    const orders = h.assistant.services.orders;
    if (!(orders instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
    const order = await orders.findById(DEMO.onTime.id);
    if (!order) throw new Error('demo order missing');
    await orders.upsertOrders([{ ...order, status: 'delivered' }]);
    expect(await c.say(p.yes)).toEqual(['address:delivered']);
    expect(c.choices()).toEqual(['intent:return_item', 'intent:track_order']);
    const tracking = h.assistant.services.tracking;
    if (!(tracking instanceof DemoTrackingService)) throw new Error('demo tracker expected');
    expect(tracking.listRedirects()).toEqual([]);
  });

  it('update policy, re-verification fails: nothing changes', async () => {
    const h = await harness({ policy: { ...DEFAULT_POLICY, addressChangeMode: 'update_address' } });
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    await c.say(await emailOf(h, DEMO.unshipped2d.id));
    await c.say(p.newAddress);
    await c.say(p.yes);
    expect(await c.say('someone.else@example.org')).toEqual(['address:reverifyFailed']);
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.addressChangeRequest).toBeUndefined();
  });

  it('shipped: carrier redirect requested with the new address, refund rule stated', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.onTime.id));
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['address:shippedMinusShipping']);
    expect(c.choices()).toEqual(['redirect', 'resident']);
    expect(await c.choose('redirect')).toEqual(['address:askRedirect']);
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:redirectRequested']);
    const tracking = h.assistant.services.tracking;
    if (!(tracking instanceof DemoTrackingService)) throw new Error('demo tracker expected');
    expect(tracking.listRedirects().map((r) => r.orderId)).toEqual([DEMO.onTime.id]);
    expect((await h.assistant.services.orders.findById(DEMO.onTime.id))?.addressChangeRequest).toMatchObject({ kind: 'redirect' });
  });

  it('shipped but the carrier declines the redirect: the buyer is told, nothing is recorded on the order', async () => {
    const h = await harness();
    const c = h.chat();
    // The demo carrier intercepts only parcels still moving through its network; this one is lost.
    await c.say(p.address(DEMO.lost.id));
    await c.say(await emailOf(h, DEMO.lost.id));
    expect(c.choices()).toEqual(['redirect', 'resident']);
    expect(await c.choose('redirect')).toEqual(['address:askRedirect']);
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:redirectDeclined']);
    const tracking = h.assistant.services.tracking;
    if (!(tracking instanceof DemoTrackingService)) throw new Error('demo tracker expected');
    expect(tracking.listRedirects()).toMatchObject([{ orderId: DEMO.lost.id, accepted: false }]);
    expect((await h.assistant.services.orders.findById(DEMO.lost.id))?.addressChangeRequest).toBeUndefined();
  });

  it('shipped: the buyer handles it at the old address (forward or refuse)', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.onTime.id));
    await c.say(await emailOf(h, DEMO.onTime.id));
    expect(await c.choose('resident')).toEqual(['address:residentSteps']);
  });

  it('delivered: nothing to change, offers return or tracking', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['address:delivered']);
  });
});
