/**
 * One behaviour for every handoff queue backend: the memory queue and the Redis queue run these
 * same cases, so the Teams desk and the console tab cannot tell them apart.
 */
import { describe, expect, it } from 'vitest';
import type { HandoffQueuePort, QueuedTicket } from '../../../src/services/handoff/handoff-port.js';

export const NOW = '2026-03-04T10:00:00.000Z'; // a Wednesday, inside 09:00-18:00 UTC
export const req = (key: string, conversationId = `c-${key}`, now = NOW) => ({
  conversationId,
  lang: 'en' as const,
  reason: 'asked' as const,
  orderId: 'ORD-1',
  summary: [{ key: 'handoff:summary.order', values: { orderId: 'ORD-1', total: 1999 } }],
  actions: ['cancelled'],
  idempotencyKey: key,
  now,
});

/** Builds a fresh, empty queue whose clock reads NOW; options as for both implementations. */
export type QueueFactory = (options?: { minutesPerTicket?: number; agentsOnDuty?: number }) => Promise<HandoffQueuePort>;

export function handoffQueueContract(name: string, make: QueueFactory): void {
  describe(`${name}: handoff queue contract`, () => {
    it('is idempotent per key, tells listeners once and keeps the request', async () => {
      const q = await make();
      const created: QueuedTicket[] = [];
      q.listen({ ticketCreated: async (t) => void created.push(t) });
      const a = await q.request(req('k1'));
      const b = await q.request(req('k1'));
      expect(b.ticketId).toBe(a.ticketId);
      expect(a.ticketId).toMatch(/^HO-[0-9A-F]{8}$/);
      expect(created.map((t) => t.ticketId)).toEqual([a.ticketId]);
      expect(created[0]).toMatchObject({ conversationId: 'c-k1', state: 'queued', createdAt: NOW, orderId: 'ORD-1', actions: ['cancelled'], buyerMessages: [] });
      expect((await q.get(a.ticketId))?.summary).toEqual([{ key: 'handoff:summary.order', values: { orderId: 'ORD-1', total: 1999 } }]);
      expect(a).toMatchObject({ queuePosition: 1, withinHours: true, expectedWaitMinutes: 6 });
    });

    it('numbers positions in arrival order and moves up when earlier tickets are taken', async () => {
      const q = await make({ minutesPerTicket: 10, agentsOnDuty: 2 });
      const first = await q.request(req('k1'));
      const second = await q.request(req('k2'));
      const third = await q.request(req('k3'));
      expect([first.queuePosition, second.queuePosition, third.queuePosition]).toEqual([1, 2, 3]);
      expect(third.expectedWaitMinutes).toBe(15);
      expect((await q.queue()).map((t) => t.ticketId)).toEqual([first.ticketId, second.ticketId, third.ticketId]);
      await q.accept(first.ticketId, { id: 'a', name: 'Alice' });
      await q.withdraw(second.ticketId);
      // Asking again with the same key re-describes the same ticket with its new place.
      expect(await q.request(req('k3'))).toMatchObject({ ticketId: third.ticketId, queuePosition: 1, expectedWaitMinutes: 5 });
      expect((await q.queue()).map((t) => t.ticketId)).toEqual([first.ticketId, third.ticketId]);
    });

    it('tells a buyer outside business hours when agents are back', async () => {
      const q = await make();
      const saturday = await q.request(req('k1', 'c-1', '2026-03-07T10:00:00.000Z'));
      expect(saturday).toMatchObject({ withinHours: false, nextOpening: '2026-03-09T09:00:00.000Z' });
    });

    it('lets exactly one of two concurrent accepts win', async () => {
      const q = await make();
      const { ticketId } = await q.request(req('k1'));
      const results = await Promise.all([q.accept(ticketId, { id: 'a', name: 'Alice' }), q.accept(ticketId, { id: 'b', name: 'Bob' })]);
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'taken' }]);
      const winner = winners[0]?.ok ? winners[0].ticket.agentId : undefined;
      expect((await q.get(ticketId))?.agentId).toBe(winner);
    });

    it('first accept wins; the same agent again is fine; closed tickets refuse', async () => {
      const q = await make();
      const { ticketId } = await q.request(req('k1'));
      expect(await q.accept(ticketId, { id: 'a', name: 'Alice' })).toMatchObject({ ok: true, ticket: { state: 'accepted', agentId: 'a', agentName: 'Alice', acceptedAt: NOW } });
      expect(await q.accept(ticketId, { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'taken' });
      expect(await q.accept(ticketId, { id: 'a', name: 'Alice' })).toMatchObject({ ok: true });
      expect((await q.queue()).map((t) => t.state)).toEqual(['accepted']);
      expect(await q.close(ticketId)).toMatchObject({ state: 'closed', closedAt: NOW });
      expect(await q.get(ticketId)).toMatchObject({ state: 'closed', closedAt: NOW, agentName: 'Alice' });
      expect(await q.accept(ticketId, { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'closed' });
      expect(await q.accept('HO-NOPE', { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'not_found' });
      expect(await q.close('HO-NOPE')).toBeUndefined();
      expect(await q.queue()).toHaveLength(0);
    });

    it('records an approval once per agent and refuses on closed tickets', async () => {
      const q = await make();
      const { ticketId } = await q.request(req('k1'));
      expect(await q.approve(ticketId, { id: 'a', name: 'Alice' }, NOW)).toMatchObject({ ok: true, first: true });
      expect(await q.approve(ticketId, { id: 'a', name: 'Alice' }, NOW)).toMatchObject({ ok: true, first: false });
      expect(await q.approve(ticketId, { id: 'b', name: 'Bob' }, NOW)).toMatchObject({ ok: true, first: true });
      expect((await q.get(ticketId))?.approvals).toEqual([
        { agentId: 'a', agentName: 'Alice', at: NOW },
        { agentId: 'b', agentName: 'Bob', at: NOW },
      ]);
      await q.withdraw(ticketId);
      expect(await q.approve(ticketId, { id: 'a', name: 'Alice' }, NOW)).toEqual({ ok: false, code: 'closed' });
      expect(await q.approve('HO-NOPE', { id: 'a', name: 'Alice' }, NOW)).toEqual({ ok: false, code: 'not_found' });
    });

    it('keeps the pending action of a policy exception and records its outcome once', async () => {
      const q = await make();
      const pending = { kind: 'cancel' as const, orderId: 'ORD-1', by: 'seller' as const, reason: 'buyer_request' as const };
      const { ticketId } = await q.request({ ...req('k1'), reason: 'policy_exception', pending });
      const plain = await q.request(req('k2'));
      expect((await q.get(ticketId))?.pending).toEqual(pending);
      expect((await q.queue()).find((t) => t.ticketId === ticketId)?.pending).toEqual(pending);
      expect((await q.get(plain.ticketId))?.pending).toBeUndefined();
      expect((await q.get(ticketId))?.pendingOutcome).toBeUndefined();
      expect(await q.settlePending(ticketId, 'cancelled', NOW)).toMatchObject({ ok: true, first: true, ticket: { pendingOutcome: { outcome: 'cancelled', at: NOW } } });
      // A duplicate cannot overwrite the recorded outcome.
      expect(await q.settlePending(ticketId, 'already_cancelled', NOW)).toMatchObject({ ok: true, first: false, ticket: { pendingOutcome: { outcome: 'cancelled' } } });
      expect((await q.get(ticketId))?.pendingOutcome).toEqual({ outcome: 'cancelled', at: NOW });
      expect(await q.settlePending('HO-NOPE', 'cancelled', NOW)).toEqual({ ok: false, code: 'not_found' });
    });

    it('relays buyer messages to listeners, keeps them on the ticket and finds tickets by conversation', async () => {
      const q = await make();
      const heard: [string, number][] = [];
      q.listen({ buyerMessage: async (t, text) => void heard.push([text, t.buyerMessages.length]) });
      const first = await q.request(req('k1', 'conv-x'));
      const second = await q.request(req('k2', 'conv-x'));
      await q.request(req('k3', 'conv-y'));
      await q.relayBuyerMessage(first.ticketId, 'hello?');
      await q.relayBuyerMessage(first.ticketId, '还在吗？');
      expect(heard).toEqual([
        ['hello?', 1],
        ['还在吗？', 2],
      ]);
      expect((await q.get(first.ticketId))?.buyerMessages).toEqual([
        { at: NOW, text: 'hello?' },
        { at: NOW, text: '还在吗？' },
      ]);
      expect((await q.byConversation('conv-x')).map((t) => t.ticketId)).toEqual([second.ticketId, first.ticketId]);
      expect(await q.byConversation('conv-none')).toEqual([]);
      await expect(q.relayBuyerMessage('HO-NOPE', 'x')).rejects.toThrow(/unknown handoff ticket/);
    });

    it('withdraws an open ticket once and tells listeners once', async () => {
      const q = await make();
      const withdrawn: string[] = [];
      q.listen({ ticketWithdrawn: async (t) => void withdrawn.push(`${t.ticketId}:${t.state}`) });
      const { ticketId } = await q.request(req('k1'));
      await q.withdraw(ticketId);
      await q.withdraw(ticketId);
      await q.withdraw('HO-NOPE');
      expect(withdrawn).toEqual([`${ticketId}:withdrawn`]);
      expect(await q.get(ticketId)).toMatchObject({ state: 'withdrawn' });
      expect(await q.queue()).toEqual([]);
      // Closing a withdrawn ticket leaves it withdrawn.
      expect(await q.close(ticketId)).toMatchObject({ state: 'withdrawn' });
      expect((await q.get(ticketId))?.closedAt).toBeUndefined();
    });
  });
}
