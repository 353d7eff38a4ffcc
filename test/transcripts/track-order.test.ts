import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryOrderService } from '../../src/services/orders/index.js';
import { DemoTrackingService } from '../../src/services/tracking/index.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

function embeddedOrders(h: Harness): InMemoryOrderService {
  const o = h.assistant.services.orders;
  if (!(o instanceof InMemoryOrderService)) throw new Error('transcripts run on the embedded order store');
  return o;
}

function demoTracking(h: Harness): DemoTrackingService {
  const t = h.assistant.services.tracking;
  if (!(t instanceof DemoTrackingService)) throw new Error('transcripts run on the demo tracker');
  return t;
}

describe.each(LANGS)('where is my order (%s)', (lang) => {
  const p = PHRASES[lang];
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });

  async function verified(orderId: string) {
    const c = h.chat();
    await c.say(p.track(orderId));
    const keys = await c.say(await emailOf(h, orderId));
    return { c, keys };
  }

  it('on time: carrier, tracking number, latest event and window, with the timeline card', async () => {
    const { c, keys } = await verified(DEMO.onTime.id);
    expect(keys).toEqual(['track:onTime']);
    const order = await h.assistant.services.orders.findById(DEMO.onTime.id);
    expect(c.texts()[0]).toContain(order?.trackingNumber ?? 'missing');
    expect(c.last?.lang).toBe(lang);
    expect(c.last?.replies[0]?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('slow: explains the delivery window', async () => {
    expect((await verified(DEMO.slow.id)).keys).toEqual(['track:slow']);
  });

  it('label created, no scan yet: still on time', async () => {
    expect((await verified(DEMO.labelCreated.id)).keys).toEqual(['track:onTime']);
  });

  it('not shipped yet: gives the expected window', async () => {
    expect((await verified(DEMO.unshipped2d.id)).keys).toEqual(['track:notShipped']);
  });

  it('late: offers refund or reship; refund is recorded once', async () => {
    const { c, keys } = await verified(DEMO.late.id);
    expect(keys).toEqual(['track:late']);
    expect(c.choices()).toEqual(['remedy:refund', 'remedy:reship']);
    expect(await c.choose('remedy:refund')).toEqual(['track:refunded']);
    const orders = embeddedOrders(h);
    const refunds = await orders.listRefunds(DEMO.late.id);
    expect(refunds).toHaveLength(1);
  });

  it('lost: opens a carrier claim, reship goes to a person with the summary', async () => {
    const { c, keys } = await verified(DEMO.lost.id);
    expect(keys).toEqual(['track:lost']);
    expect(demoTracking(h).listClaims().map((x) => x.orderId)).toEqual([DEMO.lost.id]);
    const reship = await c.choose('remedy:reship');
    expect(reship[0]).toBe('track:reshipHandoff');
    expect(reship[1]).toMatch(/^handoff:(queued|afterHours)$/);
    const [ticket] = await h.assistant.services.handoff.queue();
    expect(ticket?.orderId).toBe(DEMO.lost.id);
    expect(ticket?.actions).toEqual(expect.arrayContaining(['carrier_claim', 'reship_requested']));
    expect(ticket?.lang).toBe(lang);
  });

  it('delivered but not received: the usual checks first, then a claim and a refund', async () => {
    const { c, keys } = await verified(DEMO.delivered5d.id);
    expect(keys).toEqual(['track:delivered']);
    expect(await c.choose('notReceived')).toEqual(['track:notReceivedChecks']);
    expect(demoTracking(h).listClaims()).toHaveLength(0);
    expect(await c.choose('stillMissing')).toEqual(['track:claimOpened']);
    expect(demoTracking(h).listClaims()).toHaveLength(1);
    expect(await c.choose('remedy:refund')).toEqual(['track:refunded']);
  });

  it('delivered and received: nothing else happens', async () => {
    const { c } = await verified(DEMO.delivered5d.id);
    expect(await c.choose('no')).toEqual(['track:glad']);
    expect(demoTracking(h).listClaims()).toHaveLength(0);
  });

  it('returned to sender: offers refund or reship', async () => {
    expect((await verified(DEMO.returnedToSender.id)).keys).toEqual(['track:returnedToSender']);
  });

  it('cancelled order: says it will not ship', async () => {
    expect((await verified(DEMO.cancelled.id)).keys).toEqual(['track:cancelled']);
  });
});
