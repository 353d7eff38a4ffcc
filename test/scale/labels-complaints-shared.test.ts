/**
 * Two real assistants on one real redis-server (no LABEL_SECRET): a return label made in a chat on
 * instance A downloads from instance B, and a complaint made on A is in B's complaint list.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';
import { DEMO } from '../support/transcript.js';
import { LANGS, PHRASES } from '../transcripts/phrases.js';

let cluster: AppCluster;
beforeAll(async () => {
  cluster = await startAppCluster(2);
}, 60_000);
afterAll(async () => cluster?.close());

const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const pick = (r: { replies: ChatReply[] }, id: string) => {
  for (const reply of r.replies) {
    const i = reply.choices.findIndex((c) => (c.value as { choice?: string }).choice === id);
    if (i >= 0) return { reply, i };
  }
  throw new Error(`no choice ${id} in ${keys(r).join(',')}`);
};
const instances = () => {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error('two instances expected');
  return { a, b };
};
const emailOf = async (orderId: string) => (await instances().a.assistant.services.orders.findById(orderId))?.buyerEmail ?? 'missing';

/** Each language returns its own order, so the two runs never refuse each other's item. */
const RETURNS = {
  // The skillet is issued as soon as the reason is known; the cheap cable may be kept, so its offer asks first.
  en: { orderId: DEMO.delivered5d.id, item: 'item:PAN-CAST-26', reason: 'reason:defective', asks: false },
  zh: { orderId: DEMO.cheapDamaged.id, item: undefined, reason: 'reason:damaged', asks: true },
} as const;

describe.each(LANGS)('shared labels and complaints across instances (%s)', (lang) => {
  const p = PHRASES[lang];

  it('a return label made on A downloads from B (and not from a tampered link)', async () => {
    const { a, b } = instances();
    const plan = RETURNS[lang];
    const chat = httpChat(a.url, `label-${randomUUID()}`);
    expect(keys(await chat.say(p.returnItem(plan.orderId)))).toEqual(['verify:askDetail']);
    let step = await chat.say(await emailOf(plan.orderId));
    if (plan.item) {
      expect(keys(step)).toEqual(['returns:askItems']);
      const item = pick(step, plan.item);
      step = await chat.choose(item.reply, item.i);
    }
    expect(keys(step)).toEqual(['returns:askReason']);
    const reason = pick(step, plan.reason);
    let done = await chat.choose(reason.reply, reason.i);
    if (plan.asks) {
      expect(keys(done)).toEqual(['returns:offerSellerPays']);
      const refund = pick(done, 'opt:refund');
      done = await chat.choose(refund.reply, refund.i);
    }
    expect(keys(done)).toEqual(['returns:labelReady.seller']);
    const link = /https?:\/\/\S+?(\/labels\/\S+?\.pdf)/.exec(done.replies[0]?.text ?? '');
    const path = link?.[1];
    if (!path) throw new Error(`no label link in: ${done.replies[0]?.text}`);
    const [rma] = await a.assistant.services.orders.listReturns(plan.orderId);
    expect(done.replies[0]?.text).toContain(rma?.rma ?? 'missing');

    const fromB = await fetch(`${b.url}${path}`);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await fromB.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const fromA = Buffer.from(await (await fetch(`${a.url}${path}`)).arrayBuffer());
    expect(bytes.equals(fromA)).toBe(true);
    // The bytes are in Redis, not on A's disk: B holds them in its view too.
    expect(await b.assistant.services.labels.hasLabel(rma?.rma ?? 'missing')).toBe(true);

    const tampered = path.replace(/\.([A-Za-z0-9_-])/, (_m, ch: string) => `.${ch === 'a' ? 'b' : 'a'}`);
    expect((await fetch(`${b.url}${tampered}`)).status).toBe(404);
  });

  it('a complaint recorded on A is listed on B with the buyer\'s words', async () => {
    const { a, b } = instances();
    const chat = httpChat(a.url, `complaint-${randomUUID()}`);
    const said = p.complainDamaged(DEMO.delivered5d.id);
    expect(keys(await chat.say(said))).toEqual(['complaint:sorry', 'complaint:recorded.product_quality']);
    const onB = await b.assistant.services.complaints.list({ conversationId: chat.conversationId });
    expect(onB).toHaveLength(1);
    expect(onB[0]).toMatchObject({ category: 'product_quality', severity: 'normal', buyerText: [said] });
    expect(await b.assistant.services.complaints.get(onB[0]?.id ?? 'missing')).toEqual(onB[0]);
  });
});
