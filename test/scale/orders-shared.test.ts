/**
 * Issue 18 item 3, as the attack: two real assistants on one real redis-server, the embedded order
 * store (demo seeds). Conversations on both instances race to cancel the same order and to return
 * the same item; the order store (in Redis) applies each effect once: one cancellation, one RMA,
 * one label, and the loser is told so instead of getting a second confirmation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpChat, type ChatReply } from '../support/http-chat.js';
import { startAppCluster, type AppCluster } from '../support/app-cluster.js';
import { testAssistant } from '../support/assistant.js';
import { DEMO } from '../support/transcript.js';
import { PHRASES } from '../transcripts/phrases.js';

let cluster: AppCluster;
beforeAll(async () => {
  cluster = await startAppCluster(2);
}, 60_000);
afterAll(async () => cluster?.close());

const p = PHRASES.en;
const keys = (r: { replies: ChatReply[] }) => r.replies.map((x) => x.key);
const pick = (r: { replies: ChatReply[] }, id: string) => {
  for (const reply of r.replies) {
    const i = reply.choices.findIndex((c) => (c.value as { choice?: string }).choice === id);
    if (i >= 0) return { reply, i };
  }
  throw new Error(`no choice ${id} in ${keys(r).join(',')}`);
};
const both = () => {
  const [a, b] = cluster.instances;
  if (!a || !b) throw new Error('two instances expected');
  return { a, b };
};
const emailOf = async (orderId: string) => (await both().a.assistant.services.orders.findById(orderId))?.buyerEmail ?? 'missing';

/** A conversation on `url` that reached the cancel confirmation for `orderId`. */
async function atCancelConfirm(url: string, orderId: string) {
  const chat = httpChat(url, `cancel-${randomUUID()}`);
  expect(keys(await chat.say(p.cancel(orderId)))).toEqual(['verify:askDetail']);
  expect(keys(await chat.say(await emailOf(orderId)))).toEqual(['cancel:confirm']);
  return chat;
}

/**
 * A conversation on `url` that told the reason for returning a faulty item of `orderId`: the refund offer
 * (a cheap item may be kept, a real choice), or the return issued at once (the seller's fault, nothing to choose).
 */
async function atReturnOffer(url: string, orderId: string, reasonId = 'reason:defective', expected = 'returns:offerSellerPays') {
  const chat = httpChat(url, `return-${randomUUID()}`);
  expect(keys(await chat.say(p.returnItem(orderId)))).toEqual(['verify:askDetail']);
  let step = await chat.say(await emailOf(orderId));
  if (keys(step)[0] === 'returns:askItems') {
    const item = pick(step, 'item:PAN-CAST-26');
    step = await chat.choose(item.reply, item.i);
  }
  expect(keys(step)).toEqual(['returns:askReason']);
  const reason = pick(step, reasonId);
  const offer = await chat.choose(reason.reply, reason.i);
  expect(keys(offer)).toEqual([expected]);
  return { chat, offer };
}

describe('the order store shared by two instances (Redis)', () => {
  it('two conversations on two instances confirm the same cancel at once: cancelled once, the other is told', async () => {
    const { a, b } = both();
    const orderId = DEMO.justPlaced.id;
    const [onA, onB] = await Promise.all([atCancelConfirm(a.url, orderId), atCancelConfirm(b.url, orderId)]);
    const results = await Promise.all([onA.say(p.yes), onB.say(p.yes)]);
    const done = results.filter((r) => keys(r).includes('cancel:done'));
    expect(done).toHaveLength(1);
    const other = results.find((r) => !keys(r).includes('cancel:done'));
    expect(other?.status).toBe(200);
    expect(keys(other ?? { replies: [] }).length).toBeGreaterThan(0);
    // Both instances read the same truth.
    const [fromA, fromB] = await Promise.all([a.assistant.services.orders.findById(orderId), b.assistant.services.orders.findById(orderId)]);
    expect(fromA?.status).toBe('cancelled');
    expect(fromB).toEqual(fromA);

    // A new conversation on B after the cancel: never a second cancellation.
    const cancelledAt = fromA?.cancelledAt;
    const later = httpChat(b.url, `cancel-again-${randomUUID()}`);
    await later.say(p.cancel(orderId));
    const answer = await later.say(await emailOf(orderId));
    expect(keys(answer)).not.toContain('cancel:confirm');
    expect((await b.assistant.services.orders.findById(orderId))?.cancelledAt).toBe(cancelledAt);

    // A third instance starting now seeds the demo store again: what is in Redis is never overwritten.
    const third = await testAssistant({ redisUrl: cluster.redis.url, redisKeyPrefix: 'asa', rateLimitIpPerMinute: 0 }, { channels: false });
    try {
      expect((await third.services.orders.findById(orderId))?.status).toBe('cancelled');
    } finally {
      await third.close();
    }
  });

  it('a return made on A is not issued again on B: one RMA, one label, one refund amount', async () => {
    const { a, b } = both();
    const orderId = DEMO.delivered5d.id;
    await atReturnOffer(a.url, orderId, 'reason:defective', 'returns:labelReady.seller');
    const returns = await b.assistant.services.orders.listReturns(orderId);
    expect(returns).toHaveLength(1);

    // The same buyer (or someone with their email) tries again on B.
    const again = httpChat(b.url, `return-again-${randomUUID()}`);
    await again.say(p.returnItem(orderId));
    let step = await again.say(await emailOf(orderId));
    for (const id of ['item:PAN-CAST-26', 'reason:defective', 'opt:refund']) {
      const found = step.replies.some((r) => r.choices.some((c) => (c.value as { choice?: string }).choice === id));
      if (!found) break;
      const next = pick(step, id);
      step = await again.choose(next.reply, next.i);
    }
    expect(keys(step).some((k) => k?.startsWith('returns:labelReady'))).toBe(false);
    expect(await a.assistant.services.orders.listReturns(orderId)).toEqual(returns);
  });

  it('two conversations on two instances accept the same return at once: exactly one RMA', async () => {
    const { a, b } = both();
    const target = { id: DEMO.cheapDamaged.id };
    const [x, y] = await Promise.all([atReturnOffer(a.url, target.id, 'reason:damaged'), atReturnOffer(b.url, target.id, 'reason:damaged')]);
    const rx = pick(x.offer, 'opt:refund');
    const ry = pick(y.offer, 'opt:refund');
    const results = await Promise.all([x.chat.choose(rx.reply, rx.i), y.chat.choose(ry.reply, ry.i)]);
    expect(results.filter((r) => keys(r).some((k) => k?.startsWith('returns:labelReady')))).toHaveLength(1);
    expect(await b.assistant.services.orders.listReturns(target.id)).toHaveLength(1);
  });
});
