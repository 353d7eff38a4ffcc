/**
 * return-offer and return-item on their own: every state and transition by generated paths
 * (machine-paths.ts), and their effects on a real actor with fake services (what is issued, with what
 * terms and evidence; what the buyer is told).
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, type AnyActorLogic, type EventObject } from 'xstate';
import { createReturnOfferMachine, type ReturnOfferInput, type ReturnOfferOutput } from '../../dialogs/return-offer.machine.js';
import { createReturnItemMachine } from '../../dialogs/return-item.machine.js';
import { amendReturnMachine, type AmendReturnInput } from '../../dialogs/amend-return.machine.js';
import type { IssueReturnInput, IssueReturnOutput } from '../../dialogs/issue-return.machine.js';
import type { VerifyOutput } from '../../dialogs/verify-buyer.machine.js';
import type { FlowEvent, FlowOutput, IssuedReturn } from '../../dialogs/flow.js';
import type { UserSaid } from '../../dialogs/events.js';
import type { Reply, ReplyEmitted } from '../../dialogs/reply.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import type { Order, ReturnAuthorization } from '../../src/domain/order.js';
import { explore } from './machine-paths.js';
import { byId, done, failed, missingInAll, NOW, said, USER } from './machine-fixtures.js';

const skillet = byId('111-5820437-6619203'); // three lines, delivered five days ago
const cable = byId('117-8163920-0572284'); // one line, delivered three days ago
const kettle = byId('126-8815274-5093316'); // delivered in May: outside the window, under warranty
const blender = byId('133-5529041-7718625'); // delivered last year
const shipped = byId('112-7051384-2296640');
const PHOTO = said('', { photos: ['https://example.test/p.jpg'] });
const issued = (id: string): EventObject[] =>
  (['issued', 'refused', 'failed'] as const).map((outcome) => done(id, { outcome, refunded: outcome === 'issued', ...(outcome === 'issued' ? { rma: 'RMA-1' } : {}) } satisfies IssueReturnOutput));

describe('return-offer on its own', () => {
  it('reaches every state and transition (one or several lines, in or out of the window, every reason kind, every issue outcome)', () => {
    const base = { conversationId: 'c', lang: 'en' as const, now: NOW.toISOString(), turnId: 't', photos: [], showSummary: true };
    const inputs: ReturnOfferInput[] = [
      { ...base, order: skillet },
      { ...base, order: skillet, said: ['the spatula is unopened'], showSummary: false },
      { ...base, order: cable },
      { ...base, order: cable, reason: 'no_longer_needed' },
      { ...base, order: cable, reason: 'damaged', photos: ['https://example.test/p.jpg'] },
      { ...base, order: kettle, reason: 'defective' },
      { ...base, order: blender, reason: 'defective' },
      { ...base, order: shipped, reason: 'damaged' },
    ];
    const answers: EventObject[] = [
      ...USER,
      PHOTO,
      said('all', { choice: 'item:all' }),
      said('skillet', { choice: `item:${skillet.items[0]?.sku ?? ''}` }),
      said('the oven mitts'),
      said('damaged', { choice: 'reason:damaged' }),
      said('not needed', { choice: 'reason:no_longer_needed' }),
      said('unopened', { choice: 'cond:unopened' }),
      said('used', { choice: 'cond:used' }),
      said('refund', { choice: 'opt:refund' }),
      said('warranty', { choice: 'warranty' }),
      said("no it's not broken, I just don't need it anymore"),
    ];
    const runs = inputs.map((input) =>
      explore(createReturnOfferMachine(DEFAULT_POLICY), input, (s) => [...answers, ...Object.keys(s.children).flatMap((id) => issued(id))], { actors: ['issueReturn'], actions: ['notUnderstood'] }, (s) => {
        // What the question asked and the card change only what is said, not the way on.
        const c = s.context as { reason?: string; skus?: string[]; condition?: string; resolution?: string; photos: string[] };
        return JSON.stringify([s.value, s.status, c.reason, c.skus, c.condition, c.resolution, c.photos.length > 0]);
      }),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(30);
  });

  it('issues a damaged item with the photos as evidence, the seller paying the return, and reports the RMA', async () => {
    const calls: IssueReturnInput[] = [];
    const replies: Reply[] = [];
    const actors: Record<string, AnyActorLogic> = {
      issueReturn: fromPromise<IssueReturnOutput, IssueReturnInput>(async ({ input }) => (calls.push(input), { outcome: 'issued', rma: 'RMA-9', refunded: false })),
    };
    const machine = createReturnOfferMachine(DEFAULT_POLICY).provide({ actors, actions: { notUnderstood: () => undefined } });
    const actor = createActor(machine, { input: { conversationId: 'c', lang: 'en', now: NOW.toISOString(), turnId: 't', order: cable, photos: [], showSummary: true } });
    actor.on('reply', (e: ReplyEmitted) => replies.push(e.reply));
    actor.start();
    for (const e of [said('damaged', { choice: 'reason:damaged' }), PHOTO, said('refund', { choice: 'opt:refund', turnId: 't-pick' })]) actor.send(e);
    await new Promise((r) => setTimeout(r, 0));
    expect(replies[0]?.card).toBeDefined(); // the order summary goes with the first question only
    expect(replies.slice(1).every((r) => r.card === undefined)).toBe(true);
    expect(replies.map((r) => r.key)).toEqual(['returns:askReason', 'returns:offerSellerPays', 'returns:photoReceived', 'returns:offerSellerPays']);
    expect(calls).toEqual([
      expect.objectContaining({ orderId: cable.id, turnId: 't-pick', skus: [cable.items[0]?.sku], reason: 'damaged', resolution: 'refund', returnShippingPaidBy: 'seller', evidence: ['https://example.test/p.jpg'] }),
    ]);
    expect(actor.getSnapshot().status).toBe('done');
    // A cheap item may be kept (returnless refund): a real choice, so the offer was asked; the return may still be amended.
    expect(actor.getSnapshot().output).toEqual({
      actions: ['rma:RMA-9'],
      issued: { rma: 'RMA-9', orderId: cable.id, resolution: 'refund', remedies: ['refund', 'replacement'], refund: expect.objectContaining({ currency: 'USD' }), at: NOW.toISOString(), turnId: 't-pick' },
    } satisfies ReturnOfferOutput);
  });

  /** Runs the offer with a fake issuer; returns what was issued, the reply keys and the output. */
  async function offer(input: Partial<ReturnOfferInput> & Pick<ReturnOfferInput, 'order'>, events: FlowEvent[] = []) {
    const calls: IssueReturnInput[] = [];
    const replies: Reply[] = [];
    const actors: Record<string, AnyActorLogic> = {
      issueReturn: fromPromise<IssueReturnOutput, IssueReturnInput>(async ({ input: i }) => (calls.push(i), { outcome: 'issued', rma: 'RMA-5', refunded: false })),
    };
    const machine = createReturnOfferMachine(DEFAULT_POLICY).provide({ actors, actions: { notUnderstood: () => undefined } });
    const actor = createActor(machine, { input: { conversationId: 'c', lang: 'en', now: NOW.toISOString(), turnId: 't', photos: [], showSummary: false, ...input } });
    actor.on('reply', (e: ReplyEmitted) => replies.push(e.reply));
    actor.start();
    for (const e of events) actor.send(e);
    await new Promise((r) => setTimeout(r, 0));
    return { calls, keys: replies.map((r) => r.key), snapshot: actor.getSnapshot() };
  }
  const skilletSku = skillet.items[0]?.sku ?? '';

  it("a seller's-fault return is issued as soon as the reason is known: no offer question, the seller pays, a full refund", async () => {
    const { calls, keys, snapshot } = await offer({ order: skillet, said: ['the skillet'] }, [said('it arrived cracked')]);
    expect(keys).toEqual(['returns:askReason']);
    expect(calls).toEqual([expect.objectContaining({ skus: [skilletSku], reason: 'damaged', resolution: 'refund', returnShippingPaidBy: 'seller' })]);
    expect(calls[0]?.refundAmount.amount).toBeGreaterThan(0);
    expect(snapshot.output).toMatchObject({ issued: { rma: 'RMA-5', resolution: 'refund', remedies: ['refund', 'replacement'] } });
  });

  it('with the remedy the buyer asked for anywhere before ("can I get a new one?" → replacement, nothing refunded)', async () => {
    const { calls, keys } = await offer({ order: skillet, reason: 'defective', said: ['my skillet is warped, can I get a new one?', 'hello?'] });
    expect(keys).toEqual([]);
    expect(calls).toEqual([expect.objectContaining({ resolution: 'replacement', returnShippingPaidBy: 'seller', refundAmount: { amount: 0, currency: 'USD' } })]);
  });

  it('a remedy the policy does not offer is not taken: "not as described" is refunded', async () => {
    const { calls } = await offer({ order: skillet, said: ['the skillet, 想换个新的'] }, [said('not as described', { choice: 'reason:not_as_described' })]);
    expect(calls).toEqual([expect.objectContaining({ reason: 'not_as_described', resolution: 'refund', returnShippingPaidBy: 'seller' })]);
  });

  it("the buyer's choice still waits for a yes to the terms (they pay the return shipping)", async () => {
    const { calls, keys } = await offer({ order: skillet, said: ['the skillet'] }, [said("don't need it any more")]);
    expect(keys).toEqual(['returns:askReason', 'returns:offerBuyerPaysIfUnused']);
    expect(calls).toEqual([]);
  });
});

describe('return-item on its own', () => {
  const open: ReturnAuthorization = {
    rma: 'RMA-7',
    orderId: skillet.id,
    skus: [skillet.items[0]?.sku ?? ''],
    reason: 'damaged',
    resolution: 'refund',
    status: 'in_transit',
    returnShippingPaidBy: 'seller',
    refundAmount: { amount: 10, currency: 'USD' },
    createdAt: NOW.toISOString(),
  };
  const first = (text: string, entities: UserSaid['nlu']['entities'] = []) => said(text, { nlu: { intent: 'return_item', score: 1, entities } });

  it('reaches every state and transition (RMA in the message or not, a review deal first or midway, open returns or none, every service answer)', () => {
    const firsts = [first('I want to return something'), first('where is RMA-7', [{ type: 'rma', value: 'rma-7' }]), first('refund me and I fix my review', [{ type: 'reviewBargain', value: 'offered' }]),
      first('refund me and I fix my review, RMA-7', [{ type: 'reviewBargain', value: 'offered' }, { type: 'rma', value: 'RMA-7' }]),
      // An item no open return covers: straight to the offer.
      first('can I send the spatula back too?'),
    ];
    const deal = said('I will change my review', { nlu: { intent: 'none', score: 0, entities: [{ type: 'reviewBargain', value: 'offered' }] } });
    const outputs = (value: unknown, id: string): EventObject[] => {
      // The review complaint recorded in passing (a spawned child without an id): nothing waits for its answer.
      if (id === 'undefined') return [];
      // The late headset (shipped, past its latest date): handed on to the track flow.
      if (id === 'verify') return [done(id, { order: skillet, locked: false } satisfies VerifyOutput), done(id, { order: byId('114-3308271-9054416'), locked: false } satisfies VerifyOutput), done(id, { locked: true } satisfies VerifyOutput)];
      if (id === 'offer') return [done(id, { actions: ['rma:RMA-8'] } satisfies ReturnOfferOutput)];
      if (value === 'lookingUpRma') return [done(id, open), done(id, undefined), failed(id)];
      if (value === 'checkingExisting') return [done(id, [open]), done(id, [{ ...open, status: 'closed' }]), done(id, []), failed(id)];
      return [done(id, undefined)];
    };
    const runs = firsts.map((f) =>
      explore(
        createReturnItemMachine(DEFAULT_POLICY),
        { conversationId: 'c', first: f, lang: 'en' },
        (s) => [
          ...USER,
          deal,
          { type: 'flow.misunderstood' },
          said('another', { choice: 'newReturn' }),
          said('thanks', { nlu: { intent: 'thanks', score: 1, entities: [] } }),
          ...Object.keys(s.children).flatMap((id) => outputs(s.value, id)),
        ],
        { actors: ['verifyBuyer', 'findReturn', 'listReturns', 'returnOffer', 'replyFirst'], actions: ['notUnderstood'] },
        (s) => {
          const c = s.context as { order?: Order; existing?: unknown; summaryShown: boolean; outcome: string };
          return JSON.stringify([s.value, s.status, c.order?.id, c.existing !== undefined, c.summaryShown, c.outcome]);
        },
      ),
    );
    expect(missingInAll(runs.map((r) => r.missingStates))).toEqual([]);
    expect(missingInAll(runs.map((r) => r.missingTransitions))).toEqual([]);
    expect(runs[0]?.transitions).toBeGreaterThan(20);
  });

  /** A real actor with fakes for its services; the offer child is a fake that returns one RMA. */
  async function run(firstMessage: FlowEvent & { type: 'user.said' }, messages: FlowEvent[], returns: ReturnAuthorization[]) {
    const asked: { rma: unknown[]; offer: ReturnOfferInput[]; complaints: unknown[] } = { rma: [], offer: [], complaints: [] };
    const replies: Reply[] = [];
    const actors: Record<string, AnyActorLogic> = {
      verifyBuyer: fromPromise<VerifyOutput>(async () => ({ order: skillet, locked: false })),
      findReturn: fromPromise(async ({ input }: { input: { rma: string } }) => (asked.rma.push(input), returns.find((r) => r.rma === input.rma))),
      listReturns: fromPromise(async () => returns),
      returnOffer: fromPromise<ReturnOfferOutput, ReturnOfferInput>(async ({ input }) => (asked.offer.push(input), { actions: ['rma:RMA-8'] })),
      recordComplaint: fromPromise(async ({ input }: { input: unknown }) => (asked.complaints.push(input), input)),
    };
    const actor = createActor(createReturnItemMachine(DEFAULT_POLICY).provide({ actors, actions: { notUnderstood: () => undefined } }), { input: { conversationId: 'c', first: firstMessage, lang: 'en' } });
    actor.on('reply', (e: ReplyEmitted) => replies.push(e.reply));
    actor.start();
    await new Promise((r) => setTimeout(r, 0));
    for (const m of messages) {
      actor.send(m);
      await new Promise((r) => setTimeout(r, 0));
    }
    const snap = actor.getSnapshot();
    return { asked, replies, output: snap.status === 'done' ? (snap.output as FlowOutput) : undefined };
  }

  it('answers an RMA in the message with its status only (upper-cased, no verification)', async () => {
    const r = await run(first('where is rma-7', [{ type: 'rma', value: 'rma-7' }]), [], [open]);
    expect(r.asked.rma).toEqual([{ rma: 'RMA-7' }]);
    expect(r.replies.map((x) => x.key)).toEqual(['returns:status.in_transit']);
    expect(r.output).toEqual({ outcome: 'done', actions: [], intent: 'return_item' });
  });

  it('reports an open return with the order card, then starts another on request with what the buyer said; the offer\'s RMA is the flow\'s action', async () => {
    const r = await run(first('the skillet has a crack'), [said('another', { choice: 'newReturn' })], [open]);
    expect(r.replies.map((x) => x.key)).toEqual(['returns:status.in_transit']);
    expect(r.replies[0]?.card).toBeDefined();
    expect(r.asked.offer).toEqual([expect.objectContaining({ order: skillet, showSummary: false, said: ['the skillet has a crack', 'another'] })]);
    expect(r.output).toMatchObject({ outcome: 'done', actions: ['rma:RMA-8'], verifiedOrderId: skillet.id });
  });

  it('an item no open return covers ("the spatula melted" while the skillet is on its way back) goes straight to the offer', async () => {
    const r = await run(first('the spatula melted'), [], [open]);
    expect(r.replies).toEqual([]);
    expect(r.asked.offer).toEqual([expect.objectContaining({ order: skillet, showSummary: true, said: ['the spatula melted'], reason: 'defective' })]);
    expect(r.output).toMatchObject({ outcome: 'done', actions: ['rma:RMA-8'] });
  });

  it('tells the review rule before anything else when the first message offers a deal', async () => {
    const r = await run(first('refund me and I change my review', [{ type: 'reviewBargain', value: 'offered' }]), [], []);
    expect(r.replies.map((x) => x.key)[0]).toBe('complaint:reviewBargain');
    // The deal is a review complaint for the team, as it is when offered later in the return.
    expect(r.asked.complaints).toEqual([expect.objectContaining({ category: 'negative_review', reviewBargain: true, buyerText: ['refund me and I change my review'] })]);
    expect(r.asked.offer).toEqual([expect.objectContaining({ order: skillet, showSummary: true })]);
  });
});

const openReturn: ReturnAuthorization = {
  rma: 'RMA-3',
  orderId: skillet.id,
  skus: [skillet.items[0]?.sku ?? ''],
  reason: 'damaged',
  resolution: 'refund',
  status: 'authorized',
  returnShippingPaidBy: 'seller',
  refundAmount: { amount: 3495, currency: 'USD' },
  createdAt: NOW.toISOString(),
};

describe('amend-return on its own (fake order services)', () => {
  const issuedReturn: IssuedReturn = { rma: 'RMA-3', orderId: skillet.id, resolution: 'refund', remedies: ['refund', 'replacement'], refund: { amount: 3495, currency: 'USD' }, at: NOW.toISOString(), turnId: 't0' };
  async function amend(amendment: AmendReturnInput['amendment'], ok = true, issued = issuedReturn) {
    const calls: { op: string; input: unknown }[] = [];
    const replies: Reply[] = [];
    const rma = { ...openReturn, rma: issued.rma };
    const actors: Record<string, AnyActorLogic> = {
      changeReturnResolution: fromPromise(async ({ input }: { input: { resolution: 'refund' | 'replacement' } }) => (calls.push({ op: 'change', input }), ok ? { ok: true as const, value: { ...rma, resolution: input.resolution } } : { ok: false as const, code: 'not_changeable' as const })),
      withdrawReturn: fromPromise(async ({ input }: { input: unknown }) => (calls.push({ op: 'withdraw', input }), ok ? { ok: true as const, value: { ...rma, status: 'withdrawn' as const } } : { ok: false as const, code: 'not_withdrawable' as const })),
    };
    const actor = createActor(amendReturnMachine.provide({ actors }), { input: { conversationId: 'c', turnId: 't1', lang: 'en', issued, amendment } });
    actor.on('reply', (e: ReplyEmitted) => replies.push(e.reply));
    actor.start();
    await new Promise((r) => setTimeout(r, 0));
    return { calls, keys: replies.map((r) => r.key), output: actor.getSnapshot().output };
  }

  it('another remedy: the same RMA changes, a replacement refunding nothing; the root keeps the amended return', async () => {
    const { calls, keys, output } = await amend({ kind: 'remedy', resolution: 'replacement' });
    expect(calls).toEqual([{ op: 'change', input: { orderId: skillet.id, rma: 'RMA-3', resolution: 'replacement', refundAmount: { amount: 0, currency: 'USD' }, idempotencyKey: 'c:t1:return-remedy' } }]);
    expect(keys).toEqual(['returns:remedyChanged.replacement']);
    expect(output).toMatchObject({ outcome: 'done', intent: 'return_item', issued: { rma: 'RMA-3', resolution: 'replacement' } });
  });

  it('back to a refund pays what was stated when it was issued', async () => {
    const { calls } = await amend({ kind: 'remedy', resolution: 'refund' }, true, { ...issuedReturn, resolution: 'replacement' });
    expect(calls[0]?.input).toMatchObject({ resolution: 'refund', refundAmount: { amount: 3495, currency: 'USD' } });
  });

  it('withdrawn: the return is called off and no longer amendable', async () => {
    const { calls, keys, output } = await amend({ kind: 'withdraw' });
    expect(calls).toEqual([{ op: 'withdraw', input: { orderId: skillet.id, rma: 'RMA-3', idempotencyKey: 'c:t1:return-withdraw' } }]);
    expect(keys).toEqual(['returns:withdrawn']);
    expect(output).not.toHaveProperty('issued');
  });

  it('a remedy the policy did not offer is not asked of the store; a refusal by the store is said', async () => {
    const notOffered = await amend({ kind: 'remedy', resolution: 'replacement' }, true, { ...issuedReturn, remedies: ['refund'] });
    expect(notOffered.calls).toEqual([]);
    expect(notOffered.keys).toEqual(['returns:remedyNotOffered']);
    expect((await amend({ kind: 'withdraw' }, false)).keys).toEqual(['returns:amendRefused']);
    expect((await amend({ kind: 'remedy', resolution: 'replacement' }, false)).keys).toEqual(['returns:amendRefused']);
  });
});
