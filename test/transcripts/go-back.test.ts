/**
 * "Back" / "go back" / "返回" / "上一步" returns to the previous question of a flow; at a flow's first
 * question it says there is nothing to go back to and asks that question again (nothing is dropped).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { DemoTrackingService } from '../../src/services/tracking/index.js';
import { DEMO, emailOf, harness, postalOf, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

const BACK = { en: ['back', 'go back'], zh: ['返回', '上一步'] } as const;
/** A second address, to show the one typed after going back is the one used. */
const OTHER_ADDRESS = { en: '12 Oak Avenue, Springfield, IL 62701, USA', zh: '北京市朝阳区建国路88号 邮编100022' } as const;

const UPDATE_POLICY = { ...DEFAULT_POLICY, addressChangeMode: 'update_address' as const };

function tracker(h: Harness): DemoTrackingService {
  const t = h.assistant.services.tracking;
  if (!(t instanceof DemoTrackingService)) throw new Error('demo tracker expected');
  return t;
}

describe.each(LANGS)('go back (%s)', (lang) => {
  const p = PHRASES[lang];
  const [back, goBack] = BACK[lang];

  it('with nothing in progress there is nothing to go back to', async () => {
    const h = await harness();
    const c = h.chat();
    // Its own reply: the "say never mind to stop" hint of a flow's first step means nothing here.
    expect(await c.say(back)).toEqual(['common:nothingInProgressToGoBack']);
    expect(c.choices()).toContain('intent:track_order');
  });

  it('return: back at the item question is nothing earlier, at the reason it is the items again; no miss is counted', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'returns:askItems']);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    const [first, second] = order?.items ?? [];
    expect(await c.choose(`item:${first?.sku ?? 'missing'}`)).toEqual(['returns:askReason']);
    expect(await c.say(goBack)).toEqual(['returns:askItems']);
    expect(await c.choose(`item:${second?.sku ?? 'missing'}`)).toEqual(['returns:askReason']);
    // Two "back"s were answers, not misses: the next unclear message is only the first one.
    expect(await c.say(p.gibberish)).toEqual(['returns:reasonNotRecognised']);
    // The seller's fault: issued at once, for the item picked after going back.
    expect(await c.choose('reason:defective')).toEqual(['returns:labelReady.seller']);
    const [rma] = await h.assistant.services.orders.listReturns(DEMO.delivered5d.id);
    expect(rma?.skus).toEqual([second?.sku]);
  });

  it('return of a one-item order: back at the reason is nothing earlier; back at the warranty offer is the reason again', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.delivered31d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered31d.id))).toEqual(['returns:askReason']);
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'returns:askReason']);
    expect(await c.choose('reason:defective')).toEqual(['returns:warranty.marketplace']);
    expect(await c.say(goBack)).toEqual(['returns:askReason']);
    expect(await c.choose('reason:defective')).toEqual(['returns:warranty.marketplace']);
    expect(await c.choose('warranty')).toEqual(['returns:warrantyLabelReady']);
  });

  it('verification: from "email or postal code?" back to the order number; at the order number, nothing earlier', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(p.track(DEMO.slow.id))).toEqual(['verify:askDetail']);
    // Not taken for a postal code (which would count as a failed verification).
    expect(await c.say(back)).toEqual(['verify:askOrderId']);
    expect(await c.say(goBack)).toEqual(['common:nothingToGoBack', 'verify:askOrderId']);
    expect(await c.say(DEMO.onTime.id)).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['track:onTime']);
  });

  it('cancel: the confirmation is the first question, so "back" asks it again and the cancel still works', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'cancel:confirm']);
    expect((await h.assistant.services.orders.findById(DEMO.justPlaced.id))?.status).toBe('unshipped');
    expect(await c.say(p.yes)).toEqual(['cancel:done']);
  });

  it('address, shipped: confirmation → new address → redirect options → nothing earlier; the address typed afterwards is used', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.onTime.id));
    expect(await c.say(await emailOf(h, DEMO.onTime.id))).toEqual(['address:shippedMinusShipping']);
    expect(await c.choose('redirect')).toEqual(['address:askRedirect']);
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(await c.say(back)).toEqual(['address:askRedirect']);
    expect(await c.say(goBack)).toEqual(['address:shippedMinusShipping']);
    expect(c.choices()).toEqual(['redirect', 'resident']);
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'address:shippedMinusShipping']);
    expect(await c.choose('redirect')).toEqual(['address:askRedirect']);
    expect(await c.say(OTHER_ADDRESS[lang])).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:redirectRequested']);
    const redirects = tracker(h).listRedirects();
    expect(redirects).toHaveLength(1);
    expect(JSON.stringify(redirects[0])).toContain(lang === 'en' ? 'Oak Avenue' : '建国路');
  });

  it('address, update in place: security check → confirmation → new address → nothing earlier; then it is updated', async () => {
    const h = await harness({ policy: UPDATE_POLICY });
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    expect(await c.say(await emailOf(h, DEMO.unshipped2d.id))).toEqual(['address:askNew']);
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'address:askNew']);
    expect(await c.say(p.newAddress)).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:reverify']);
    expect(await c.say(goBack)).toEqual(['address:confirmNew']);
    expect(await c.say(back)).toEqual(['address:askNew']);
    expect(await c.say(OTHER_ADDRESS[lang])).toEqual(['address:confirmNew']);
    expect(await c.say(p.yes)).toEqual(['address:reverify']);
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.addressChangeRequest).toBeUndefined();
    expect(await c.say(await postalOf(h, DEMO.unshipped2d.id))).toEqual(['address:updated']);
    const order = await h.assistant.services.orders.findById(DEMO.unshipped2d.id);
    expect(JSON.stringify(order?.addressChangeRequest)).toContain(lang === 'en' ? 'Oak Avenue' : '建国路');
  });

  it('address, cancel and reorder: the only question has nothing before it', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.address(DEMO.unshipped2d.id));
    await c.say(await emailOf(h, DEMO.unshipped2d.id));
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'address:cancelAndReorder']);
    expect((await h.assistant.services.orders.findById(DEMO.unshipped2d.id))?.status).toBe('unshipped');
  });

  it('tracking: from the checks back to "did you receive it?", and nothing before that', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.track(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['track:delivered']);
    expect(await c.choose('notReceived')).toEqual(['track:notReceivedChecks']);
    expect(await c.say(back)).toEqual(['track:delivered']);
    expect(await c.say(goBack)).toEqual(['common:nothingToGoBack', 'track:delivered']);
    expect(await c.choose('notReceived')).toEqual(['track:notReceivedChecks']);
    expect(await c.choose('stillMissing')).toEqual(['track:claimOpened']);
    // After the claim is opened there is no earlier question to return to.
    expect(await c.say(back)).toEqual(['common:nothingToGoBack', 'track:chooseRemedy']);
  });
});
