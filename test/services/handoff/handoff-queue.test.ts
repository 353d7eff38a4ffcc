import { describe, expect, it } from 'vitest';
import { HandoffQueue, type QueuedTicket } from '../../../src/services/handoff/handoff-queue.js';
import { DEFAULT_BUSINESS_HOURS, isWithinHours, nextOpening } from '../../../src/services/handoff/business-hours.js';
import { handoffQueueContract } from './handoff-contract.js';

const now = '2026-03-04T10:00:00.000Z'; // a Wednesday, inside 09:00-18:00 UTC
const queue = () => new HandoffQueue({ hours: DEFAULT_BUSINESS_HOURS, now: () => new Date(now) });
const req = (key: string, conversationId = `c-${key}`) => ({ conversationId, lang: 'en' as const, reason: 'asked' as const, summary: [], actions: [], idempotencyKey: key, now });

handoffQueueContract('memory', async (options = {}) => new HandoffQueue({ hours: DEFAULT_BUSINESS_HOURS, ...options, now: () => new Date(now) }));

describe('HandoffQueue', () => {
  it('is idempotent per key and tells listeners once', async () => {
    const q = queue();
    const created: QueuedTicket[] = [];
    q.listen({ ticketCreated: async (t) => void created.push(t) });
    const a = await q.request(req('k1'));
    const b = await q.request(req('k1'));
    expect(b.ticketId).toBe(a.ticketId);
    expect(created).toHaveLength(1);
    expect(a).toMatchObject({ queuePosition: 1, withinHours: true });
    expect((await q.request(req('k2'))).queuePosition).toBe(2);
  });

  it('first accept wins; the same agent again is fine; closed tickets refuse', async () => {
    const q = queue();
    const { ticketId } = await q.request(req('k1'));
    expect(q.accept(ticketId, { id: 'a', name: 'Alice' })).toMatchObject({ ok: true });
    expect(q.accept(ticketId, { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'taken' });
    expect(q.accept(ticketId, { id: 'a', name: 'Alice' })).toMatchObject({ ok: true });
    expect(q.get(ticketId)?.acceptedAt).toBe(now);
    q.close(ticketId);
    expect(q.get(ticketId)).toMatchObject({ state: 'closed', closedAt: now });
    expect(q.accept(ticketId, { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'closed' });
    expect(q.accept('HO-NOPE', { id: 'b', name: 'Bob' })).toEqual({ ok: false, code: 'not_found' });
    expect(q.queue()).toHaveLength(0);
  });

  it('records an approval once per agent and refuses on closed tickets', async () => {
    const q = queue();
    const { ticketId } = await q.request(req('k1'));
    expect(q.approve(ticketId, { id: 'a', name: 'Alice' }, now)).toMatchObject({ ok: true, first: true });
    expect(q.approve(ticketId, { id: 'a', name: 'Alice' }, now)).toMatchObject({ ok: true, first: false });
    expect(q.get(ticketId)?.approvals).toEqual([{ agentId: 'a', agentName: 'Alice', at: now }]);
    await q.withdraw(ticketId);
    expect(q.approve(ticketId, { id: 'a', name: 'Alice' }, now)).toEqual({ ok: false, code: 'closed' });
  });

  it('relays buyer messages to listeners and finds tickets by conversation', async () => {
    const q = queue();
    const heard: string[] = [];
    q.listen({ buyerMessage: async (_t, text) => void heard.push(text) });
    const first = await q.request(req('k1', 'conv-x'));
    const second = await q.request(req('k2', 'conv-x'));
    await q.relayBuyerMessage(first.ticketId, 'hello?');
    expect(heard).toEqual(['hello?']);
    expect(q.byConversation('conv-x').map((t) => t.ticketId)).toEqual([second.ticketId, first.ticketId]);
  });
});

describe('business hours', () => {
  it('knows when agents are on duty and the next opening', () => {
    expect(isWithinHours(DEFAULT_BUSINESS_HOURS, new Date('2026-03-04T10:00:00Z'))).toBe(true);
    expect(isWithinHours(DEFAULT_BUSINESS_HOURS, new Date('2026-03-07T10:00:00Z'))).toBe(false); // Saturday
    expect(nextOpening(DEFAULT_BUSINESS_HOURS, new Date('2026-03-06T18:30:00Z'))?.toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });
});
