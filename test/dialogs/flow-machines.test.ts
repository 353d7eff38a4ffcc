/** Every state and transition of the flow machines, reached by generated paths (see machine-paths.ts). */
import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { createCancelOrderMachine } from '../../dialogs/cancel-order.machine.js';
import { createComplaintMachine } from '../../dialogs/complaint.machine.js';
import { createTrackOrderMachine } from '../../dialogs/track-order.machine.js';
import { applyAddressMachine } from '../../dialogs/apply-address.machine.js';
import { handoffMachine } from '../../dialogs/handoff.machine.js';
import { issueReturnMachine } from '../../dialogs/issue-return.machine.js';
import { verifyBuyerMachine } from '../../dialogs/verify-buyer.machine.js';
import type { UserSaid } from '../../dialogs/events.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import type { TrackingInfo } from '../../src/domain/tracking.js';
import { explore } from './machine-paths.js';
import { byId, done, failed, missingInAll, NOW, said, USER } from './machine-fixtures.js';

const LATER = new Date(NOW.getTime() + 45 * 60_000).toISOString();

describe('flow machines on their own, every state and transition by generated paths', () => {
  it('cancel-order (buyer window, seller cancel with and without approval, every order state)', () => {
    const orders = ['113-4829106-7730215', '120-1936572-4408817', '112-7051384-2296640', '111-5820437-6619203', '143-1175026-9938401', '127-4410938-1176250'].map(byId);
    const runs = [false, true].map((sellerCancelNeedsApproval) =>
      explore(
        createCancelOrderMachine({ ...DEFAULT_POLICY, sellerCancelNeedsApproval }),
        { conversationId: 'c', first: said('cancel my order'), lang: 'en' },
        (s) => [
          ...USER,
          // A yes after the buyer's own 30 minutes are over.
          said('yes', { now: LATER, turnId: 't-later' }),
          { type: 'flow.misunderstood' },
          ...Object.keys(s.children).flatMap((id) =>
            id === 'verify'
              ? [...orders.map((order) => done(id, { order, locked: false })), done(id, { locked: true })]
              : [done(id, { ok: true, value: orders[0] }), done(id, { ok: false, code: 'already_shipped' }), done(id, { ok: false, code: 'not_found' }), failed(id)],
          ),
        ],
        { actors: ['verifyBuyer', 'cancelOrder'], actions: ['notUnderstood'] },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(10);
  });

  it('verify-buyer (first message facts, a verified order, a signed-in buyer; match, no match, lockout, errors)', () => {
    const order = byId('112-7051384-2296640');
    const other = byId('113-4829106-7730215');
    const withFacts = (text: string, entities: UserSaid['nlu']['entities']) => said(text, { nlu: { intent: 'track_order', score: 1, entities } });
    const inputs = [
      { conversationId: 'c' },
      { conversationId: 'c', first: withFacts('order', [{ type: 'orderId', value: order.id }]) },
      { conversationId: 'c', first: withFacts('order and email', [{ type: 'orderId', value: order.id }, { type: 'email', value: order.buyerEmail }]) },
      { conversationId: 'c', verifiedOrderId: order.id },
      { conversationId: 'c', verifiedEmail: order.buyerEmail },
      { conversationId: 'c', first: withFacts('order', [{ type: 'orderId', value: order.id }]), verifiedEmail: order.buyerEmail },
    ];
    const answers: EventObject[] = [
      withFacts('my order', [{ type: 'orderId', value: order.id }]),
      // A corrected order number at the email / postal code question.
      withFacts('sorry, I meant the other one', [{ type: 'orderId', value: other.id }]),
      withFacts('my email', [{ type: 'email', value: order.buyerEmail }]),
      said('30308'),
      said('back', { control: 'back' }),
      said('what?? no idea'),
      said('pick', { choice: `order:${order.id}` }),
      { type: 'flow.reask' },
    ];
    const outputs = (value: unknown, id: string): EventObject[] => {
      if (value === 'verifying') return [done(id, { ok: true, value: order }), done(id, { ok: false, code: 'locked' }), done(id, { ok: false, code: 'no_match' }), failed(id)];
      if (value === 'reloading') return [done(id, order), done(id, undefined), failed(id)];
      if (value === 'listing') return [done(id, [order]), failed(id)];
      return [];
    };
    const runs = inputs.map((input) =>
      explore(verifyBuyerMachine, input, (s) => [...answers, ...Object.keys(s.children).flatMap((id) => outputs(s.value, id))], {
        actors: ['verifyBuyer', 'loadOrder', 'listOrdersByEmail'],
        actions: ['notUnderstood'],
      }),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
  });

  it('complaint (short and detailed stories, review deals, verified or not, severe or not, store errors)', () => {
    const order = byId('111-5820437-6619203');
    const text = (t: string, entities: UserSaid['nlu']['entities'] = []) => said(t, { nlu: { intent: 'complaint', score: 1, entities } });
    const firsts = [
      text('I want to complain'),
      text('The cast iron skillet arrived cracked and I am really unhappy about it', [{ type: 'returnReason', value: 'damaged' }, { type: 'orderId', value: order.id }]),
      text('I will change my review if you refund me now, this is terrible service', [{ type: 'reviewBargain', value: 'offered' }]),
      text('Everything about this purchase went wrong and I am fed up with it'),
    ];
    // Round 9: told before in the conversation about the verified order ("bad review coming" after a slow parcel's story,
    // "awful" after a long one); a review offered for the remedy a flow just gave as owed.
    const story = ['6 days and still not here, your shipping is far too slow', 'so I cannot cancel it now?'];
    const inputs = [
      ...firsts.flatMap((first) => [
        { conversationId: 'c', first, lang: 'en' },
        { conversationId: 'c', first, lang: 'en', verifiedOrderId: order.id },
        { conversationId: 'c', first, lang: 'en', verifiedEmail: order.buyerEmail },
      ]),
      { conversationId: 'c', first: text('bad review coming'), lang: 'en', verifiedOrderId: order.id, said: story },
      { conversationId: 'c', first: text('awful'), lang: 'en', verifiedOrderId: order.id, said: ['I bought this for my mum and she was so looking forward to it'] },
      { conversationId: 'c', first: text("refund me and i'll change it to 5 stars, deal?", [{ type: 'reviewBargain', value: 'offered' }]), lang: 'en', verifiedOrderId: order.id, said: story, remedyOwed: true },
    ];
    const answers: EventObject[] = [
      text('it came late and the box was wet and the courier was rude to me'),
      text('I will remove my review if you give me a voucher', [{ type: 'reviewBargain', value: 'offered' }]),
      text('this is dangerous, it caught fire, I will call my lawyer'),
      said('quality', { choice: 'cat:product_quality' }),
      said('asdfgh'),
      said('', { photos: ['https://example.test/p.jpg'] }),
      { type: 'flow.reask' },
      // A person asked for before the complaint was recorded: recorded first, then handed over.
      said('no more bot answers, get me a real person', { nlu: { intent: 'human_agent', score: 0.95, entities: [] } }),
    ];
    const record = { id: 'CMP-1', conversationId: 'c', category: 'other', severity: 'normal', summary: '', buyerText: [], createdAt: NOW.toISOString() };
    const outputs = (value: unknown, id: string): EventObject[] =>
      value === 'loadingOrder' ? [done(id, order), done(id, undefined), failed(id)] : value === 'recording' ? [done(id, record), failed(id)] : [];
    const runs = inputs.map((input) =>
      explore(
        createComplaintMachine(DEFAULT_POLICY),
        input,
        (s) => [...answers, ...Object.keys(s.children).flatMap((id) => outputs(s.value, id))],
        { actors: ['recordComplaint', 'loadOrder'], actions: ['notUnderstood'] },
        // The story grows with every message: what decides the way on is the state and what was classified.
        (s) => {
          const c = s.context as { category?: string; reviewBargain: boolean; ruleExplained: boolean; verified?: unknown; buyerText: string[]; toPerson?: boolean };
          return JSON.stringify([s.value, s.status, c.category, c.reviewBargain, c.ruleExplained, c.verified !== undefined, c.buyerText.length > 1, c.toPerson === true]);
        },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
  });

  it('track-order (every delivery state, no tracking, claims, the remedies, refunds that fail)', () => {
    const orders = ['112-7051384-2296640', '114-3308271-9054416', '131-9471620-3365108', '111-5820437-6619203', '127-4410938-1176250', '143-1175026-9938401', '136-7728105-2049936'].map(byId);
    const outputs = (value: unknown, id: string): EventObject[] => {
      if (id === 'verify') return [...orders.map((order) => done(id, { order, locked: false })), done(id, { locked: true })];
      if (value === 'tracking') return [done(id, { carrier: 'UPS', trackingNumber: '1Z999', state: 'in_transit', events: [] } satisfies TrackingInfo), failed(id)];
      if (value === 'refunding') return [done(id, { ok: true }), done(id, { ok: false }), failed(id)];
      if (value === 'claiming' || value === 'missingClaim') return [done(id, { claimId: 'CL-1' }), failed(id)];
      return [failed(id)];
    };
    // Round 9: a refund asked for with it ("just refund me", or handed on from a return) is taken with the status.
    const runs = ['where is my order', 'i dont want to wait anymore just refund me'].map((first) =>
      explore(
        createTrackOrderMachine(DEFAULT_POLICY),
        { conversationId: 'c', first: said(first), lang: 'en' },
        (s) => [
          ...USER,
          // A question about the parcel at the remedy offer: its status again.
          said('so its late right? whats going on with usps'),
          { type: 'flow.misunderstood' },
          ...['notReceived', 'stillMissing', 'foundIt', 'remedy:refund', 'remedy:reship', 'no'].map((choice) => said(choice, { choice })),
          ...Object.keys(s.children).flatMap((id) => outputs(s.value, id)),
        ],
        { actors: ['verifyBuyer', 'track', 'openClaim', 'recordRefund'], actions: ['notUnderstood'] },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(15);
  });

  it('apply-address (update after a re-check that passes or fails, redirect accepted or declined, every service failing)', () => {
    const order = byId('120-1936572-4408817');
    const base = { conversationId: 'c', turnId: 't', orderId: order.id, address: order.shippingAddress };
    const inputs = [
      { ...base, kind: 'update' as const, check: { email: order.buyerEmail } },
      { ...base, kind: 'update' as const, check: { postalCode: order.shippingAddress.postalCode } },
      { ...base, kind: 'redirect' as const },
    ];
    const outputs = (value: unknown, id: string): EventObject[] => {
      if (value === 'checkingBuyer') return [done(id, { ok: true }), done(id, { ok: false }), failed(id)];
      if (value === 'redirecting') return [done(id, { accepted: true, requestId: 'R-1' }), done(id, { accepted: false, requestId: 'R-2' }), failed(id)];
      return [done(id, { ok: true }), done(id, { ok: false }), failed(id)];
    };
    const runs = inputs.map((input) =>
      explore(applyAddressMachine, input, (s) => Object.keys(s.children).flatMap((id) => outputs(s.value, id)), { actors: ['checkBuyer', 'changeAddress', 'requestRedirect'] }),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(10);
  });

  it('handoff (queued or after hours, relays while waiting and with an agent, withdrawn, ended, every service failing)', () => {
    const ticket = (withinHours: boolean) => ({ ticketId: 'T-1', withinHours, queuePosition: 2, expectedWaitMinutes: 5, nextOpening: NOW.toISOString() });
    const outputs = (value: unknown, id: string): EventObject[] =>
      value === 'requesting' ? [done(id, ticket(true)), done(id, ticket(false)), failed(id)] : [done(id, undefined), failed(id)];
    const at = { turnId: 'a', now: NOW.toISOString() };
    const coverage = explore(
      handoffMachine,
      { conversationId: 'c', first: said('I want a person'), lang: 'en', reason: 'asked', actions: [], verifiedOrderId: '112-7051384-2296640' },
      (s) => [
        said('my parcel is late'),
        said('never mind', { control: 'abort' }),
        { type: 'agent.joined', agentName: 'Sam', ...at },
        { type: 'agent.said', text: 'Hello', ...at },
        { type: 'agent.said', key: 'handoff:approved', values: { orderId: '1' }, ...at },
        { type: 'agent.ended', ...at },
        ...Object.keys(s.children).flatMap((id) => outputs(s.value, id)),
      ],
      { actors: ['requestHandoff', 'relayToAgent', 'withdrawHandoff'] },
    );
    expect(coverage.missingStates).toEqual([]);
    expect(coverage.missingTransitions).toEqual([]);
    expect(coverage.transitions).toBeGreaterThan(15);
  });

  it('issue-return (refund or returnless, refused, evidence, label or refund failing, every service failing)', () => {
    const order = byId('111-5820437-6619203');
    const base = {
      conversationId: 'c',
      turnId: 't',
      lang: 'en' as const,
      orderId: order.id,
      skus: [order.items[0]?.sku ?? ''],
      reason: 'damaged' as const,
      returnShippingPaidBy: 'seller' as const,
      refundAmount: { amount: 10, currency: 'USD' },
    };
    const inputs = [
      { ...base, resolution: 'refund' as const },
      { ...base, resolution: 'returnless_refund' as const, evidence: ['https://example.test/p.jpg'] },
    ];
    const rma = { ...base, rma: 'RMA-1', resolution: 'refund', status: 'authorized', createdAt: NOW.toISOString() };
    const outputs = (value: unknown, id: string): EventObject[] => {
      if (value === 'creating') return [done(id, { ok: true, value: rma }), done(id, { ok: false, code: 'not_returnable' }), failed(id)];
      if (value === 'labelling') return [done(id, { rma: 'RMA-1', url: 'https://example.test/l.pdf', expiresAt: NOW.toISOString() }), failed(id)];
      return [done(id, { ok: true }), failed(id)];
    };
    const runs = inputs.map((input) =>
      explore(issueReturnMachine, input, (s) => Object.keys(s.children).flatMap((id) => outputs(s.value, id)), { actors: ['createReturn', 'createLabel', 'recordRefund'] }),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(8);
  });
});
