/**
 * Agree a return with a verified buyer and issue it: which items and why, then the options with who
 * pays shipping and the refund stated up front (seed 001 §3, 003; a condition said or pressed at the
 * offer that lowers the refund states the new terms before anything is issued), or the warranty
 * path / a clear no outside the window. Photos the buyer sends on the way are kept, and go on the RMA
 * as evidence when the fault is the seller's. The first reply carries the order summary card when the
 * buyer has not seen their order yet.
 */
import { and, assign, emit, enqueueActions, sendParent, setup } from 'xstate';
import { SELLER_FAULT_REASONS, type Order, type ReturnReason, type ReturnResolution } from '../src/domain/order.js';
import type { Lang } from '../src/domain/lang.js';
import { remedyWithoutAsking, type PolicyConfig, type ReturnEligibility, type ReturnOption } from '../src/policy/index.js';
import { MISUNDERSTOOD, type FlowEvent, type IssuedReturn } from './flow.js';
import { issueReturnMachine } from './issue-return.machine.js';
import { orderSummaryCard } from './order-summary.js';
import type { ReplyEmitted } from './reply.js';
import { asOption, eligibilityOf, isCondition, isReason, returnReply, termsOf, type ConditionChoice, type Question, type Said } from './return-terms.js';
import { namedItem, negatedAction, readAskedRemedy, readCondition, readItems, readReason, readReturnOption, remedyAskedIn, type AskedRemedy } from '../src/nlu/answers.js';
import type { UserSaid } from './events.js';
import { choiceValue, entity, isBack, isNo, isYes } from './shared.js';

/** Typed answers, read by the shared answer reader; a pressed button wins. */
const typed = (event: FlowEvent): UserSaid | undefined => (event.type === 'user.said' && !event.choice ? event : undefined);
const titlesOf = (order: Order) => order.items.map((i) => i.title);
/** The items a message names: a button's sku, or the item names / ordinal typed. */
function itemsAnswer(event: FlowEvent, order: Order): string[] | undefined {
  const sku = choiceValue(event, 'item');
  if (sku === 'all') return order.items.map((i) => i.sku);
  if (sku !== undefined) return order.items.some((i) => i.sku === sku) ? [sku] : undefined;
  const said = typed(event);
  const read = said ? readItems(said.text, titlesOf(order)) : undefined;
  if (read === 'all') return order.items.map((i) => i.sku);
  return read?.flatMap((i) => (order.items[i] ? [order.items[i].sku] : []));
}
const reasonAnswer = (event: FlowEvent): ReturnReason | undefined => {
  const picked = choiceValue(event, 'reason');
  if (isReason(picked)) return picked;
  const said = typed(event);
  const read = said ? readReason(said.text, said.lang) : undefined;
  if (read) return read;
  const found = event.type === 'user.said' ? entity(event.nlu.entities, 'returnReason') : undefined;
  return isReason(found) ? found : undefined;
};
const conditionAnswer = (event: FlowEvent): ConditionChoice | undefined => {
  const picked = choiceValue(event, 'cond');
  if (isCondition(picked)) return picked;
  const said = typed(event);
  return said ? readCondition(said.text) : undefined;
};

export interface ReturnOfferInput {
  conversationId: string;
  lang: Lang;
  now: string;
  turnId: string;
  /** Verified: the buyer may see it. */
  order: Order;
  reason?: ReturnReason;
  photos: string[];
  /** Attach the order summary card to the first reply. */
  showSummary: boolean;
  /** What the buyer already wrote in this flow: the item and condition it names fill those slots. */
  said?: string[];
}

export interface ReturnOfferOutput {
  /** Effects, for the agent summary ("rma:RMA-...", "refunded"). */
  actions: string[];
  /** The return just issued with a label, which the buyer's next message may amend. */
  issued?: IssuedReturn;
}

/** Slots the buyer's earlier words fill: the one item they named, and the item's condition. */
function slotsFrom(input: ReturnOfferInput): Partial<Pick<OfferContext, 'skus' | 'condition'>> {
  const said = input.said ?? [];
  if (said.length === 0) return {};
  // The latest message that names one item wins ("the mitts were torn" … "and the spatula, can I return it?").
  const items = input.order.items.length > 1 ? said.map((t) => namedItem(t, titlesOf(input.order))) : [];
  const item = items.findLast((i) => i !== undefined);
  const sku = item !== undefined ? input.order.items[item]?.sku : undefined;
  const condition = said.map((t) => readCondition(t)).findLast((c) => c !== undefined);
  return { ...(sku ? { skus: [sku] } : {}), ...(condition ? { condition } : {}) };
}

/** The remedy the buyer's earlier words ask for ("I want a new one"), latest first. */
function remedyFrom(input: ReturnOfferInput): { remedyAsked?: AskedRemedy } {
  const remedy = remedyAskedIn(input.said ?? []);
  return remedy ? { remedyAsked: remedy } : {};
}

/** A photo on its own while a question is open: kept, thanked for, and the question asked again. */
const PHOTO_ONLY = { guard: 'photoOnly', actions: ['listen', 'ackPhoto'] } as const;

interface OfferContext {
  conversationId: string;
  lang: Lang;
  now: string;
  turnId: string;
  order: Order;
  reason?: ReturnReason;
  /** Items chosen for return; all items when the order has only one line. */
  skus?: string[];
  condition?: ConditionChoice;
  resolution?: ReturnResolution;
  photos: string[];
  summaryPending: boolean;
  asked?: Question;
  /** The remedy the buyer asked for in their own words, anywhere in the conversation (latest wins). */
  remedyAsked?: AskedRemedy;
  actions: string[];
  issued?: IssuedReturn;
}

export function createReturnOfferMachine(policy: PolicyConfig) {
  const eligibility = (c: OfferContext): ReturnEligibility => eligibilityOf(c, policy);
  /** The option a button or typed answer picks ("yes" takes the first offered); never after a "no". */
  const optionAnswer = (event: FlowEvent, c: OfferContext): ReturnOption | undefined => {
    const e = eligibility(c);
    if (e.kind !== 'eligible') return undefined;
    const o = choiceValue(event, 'opt');
    if (o !== undefined) return e.options.find((opt) => opt === o);
    const said = typed(event);
    if (!said) return undefined;
    return readReturnOption(said.text, said.lang, e.options);
  };
  const replyFor = (said: Said, c: OfferContext) => returnReply(said, c, policy);
  /** A return sent back on a label (refund or replacement) may be amended by the buyer's next words. */
  const issuedReturn = (c: OfferContext, rma: string | undefined): IssuedReturn | undefined => {
    const e = eligibility(c);
    const resolution = c.resolution ?? 'refund';
    if (!rma || e.kind !== 'eligible' || (resolution !== 'refund' && resolution !== 'replacement')) return undefined;
    const remedies = e.options.filter((o): o is IssuedReturn['resolution'] => o === 'refund' || o === 'replacement');
    return { rma, orderId: c.order.id, resolution, remedies, refund: e.refund, at: c.now, turnId: c.turnId };
  };
  return setup({
    types: { context: {} as OfferContext, events: {} as FlowEvent, input: {} as ReturnOfferInput, output: {} as ReturnOfferOutput, emitted: {} as ReplyEmitted },
    actors: { issueReturn: issueReturnMachine },
    actions: {
      say: enqueueActions(({ context, enqueue }, params: { said: Said }) => {
        const reply = replyFor(params.said, context);
        enqueue.emit({ type: 'reply', reply: context.summaryPending ? { ...reply, card: orderSummaryCard(context.order) } : reply });
        enqueue.assign({ summaryPending: false, ...(params.said !== 'noReturn' ? { asked: params.said } : {}) });
      }),
      ackPhoto: enqueueActions(({ context, enqueue }) => {
        enqueue.emit({ type: 'reply', reply: { key: 'returns:photoReceived' } });
        if (context.asked) enqueue.emit({ type: 'reply', reply: replyFor(context.asked, context) });
      }),
      /** Every buyer message: the turn's clock and id, and any photos it carries. */
      listen: assign(({ context, event }) => {
        if (event.type !== 'user.said') return {};
        const remedy = event.choice ? undefined : readAskedRemedy(event.text);
        return { now: event.now, turnId: event.turnId, photos: [...context.photos, ...(event.photos ?? [])].slice(-10), ...(remedy ? { remedyAsked: remedy } : {}) };
      }),
      /** The seller's fault with nothing for the buyer to pay: issued at once with the remedy asked for, else the first offered. */
      takeRemedyWithoutAsking: assign({ resolution: ({ context }) => asOption(remedyWithoutAsking(eligibility(context), context.remedyAsked)) }),
      /** Any slot the answer also fills: "the spatula, it melted" gives the item and the reason. */
      takeReason: assign(({ context, event }) => {
        const reason = reasonAnswer(event);
        const condition = conditionAnswer(event);
        return reason ? { reason, condition: condition ?? (reason === context.reason ? context.condition : undefined) } : {};
      }),
      takeItems: assign(({ context, event }) => {
        const reason = typed(event) ? reasonAnswer(event) : undefined;
        const condition = typed(event) ? conditionAnswer(event) : undefined;
        return {
          skus: itemsAnswer(event, context.order) ?? context.order.items.map((i) => i.sku),
          ...(reason && !context.reason ? { reason } : {}),
          ...(condition && !context.condition ? { condition } : {}),
        };
      }),
      takeCondition: assign(({ event }) => {
        const condition = conditionAnswer(event);
        return condition ? { condition } : {};
      }),
      forgetReason: assign({ reason: undefined, condition: undefined }),
      /** The remedy the buyer named when it is offered, else the first option offered. */
      takeAskedRemedy: assign({
        resolution: ({ context }) => {
          const e = eligibility(context);
          const options = e.kind === 'eligible' ? e.options : [];
          return options.find((o) => o === context.remedyAsked) ?? asOption(options[0]);
        },
      }),
      /** Other items named at the offer, with their own reason if one is said ("the spatula too, changed my mind"). */
      takeNamedItems: assign(({ context, event }) => {
        const reason = typed(event) ? reasonAnswer(event) : undefined;
        return { skus: itemsAnswer(event, context.order) ?? context.skus, ...(reason && reason !== context.reason ? { reason, condition: undefined } : {}) };
      }),
      forgetItems: assign({ skus: undefined }),
      nothingToGoBack: emit({ type: 'reply' as const, reply: { key: 'common:nothingToGoBack' } }),
      /** The answer matched nothing asked: the root counts it (see flow.ts). */
      notUnderstood: sendParent(MISUNDERSTOOD),
    },
    guards: {
      photoOnly: ({ event }) => event.type === 'user.said' && (event.photos?.length ?? 0) > 0 && !event.text.trim() && !event.choice,
      hasReason: ({ context }) => context.reason !== undefined,
      mustPickItems: ({ context }) => context.skus === undefined && context.order.items.length > 1,
      /** The items were asked for (an order of several lines), so that is the question before the reason. */
      pickedItems: ({ context }) => context.skus !== undefined && context.order.items.length > 1,
      pickedItem: ({ context, event }) => (itemsAnswer(event, context.order)?.length ?? 0) > 0,
      typedItems: ({ context, event }) => typed(event) !== undefined && (itemsAnswer(event, context.order)?.length ?? 0) > 0,
      severalItems: ({ context }) => context.order.items.length > 1,
      itemsChanged: ({ context, event }) => {
        const named = typed(event) ? itemsAnswer(event, context.order) : undefined;
        const current = context.skus ?? context.order.items.map((i) => i.sku);
        return named !== undefined && named.length > 0 && [...named].sort().join() !== [...current].sort().join();
      },
      /** A condition said or pressed at the offer that lowers the refund: the new terms are stated before anything is issued. */
      conditionLowersRefund: ({ context, event }) => {
        const condition = conditionAnswer(event);
        if (condition === undefined || condition === context.condition) return false;
        const before = termsOf(context, policy).refund.amount;
        return termsOf({ ...context, condition }, policy).refund.amount < before;
      },
      // seed 001 §3 (5): no cost falls on the buyer, so no consent question (see remedyWithoutAsking).
      issuesWithoutAsking: ({ context }) => remedyWithoutAsking(eligibility(context), context.remedyAsked) !== undefined,
      eligibilityIs: ({ context }, params: { kind: ReturnEligibility['kind'] }) => eligibility(context).kind === params.kind,
      back: ({ event }) => isBack(event),
      no: ({ event }) => isNo(event),
      // "Shall I register a warranty claim?": the button, or a typed yes.
      wantsWarranty: ({ event }) => event.type === 'user.said' && (event.choice === 'warranty' || isYes(event)),
      pickedOption: ({ context, event }) => optionAnswer(event, context) !== undefined,
      gaveReason: ({ event }) => reasonAnswer(event) !== undefined,
      restatedReason: ({ event }) => {
        const said = typed(event);
        return said !== undefined && readReason(said.text, said.lang) !== undefined && negatedAction(said.text, said.lang) === undefined;
      },
      gaveCondition: ({ event }) => conditionAnswer(event) !== undefined,
      /**
       * The reason told again at the offer leaves its terms as they are (who pays the return, the refund, the options):
       * the buyer who asked for the return has the terms in front of them and objects to none, so it is issued.
       */
      reasonKeepsTerms: ({ context, event }) => {
        const reason = reasonAnswer(event);
        const before = eligibility(context);
        const after = reason ? eligibility({ ...context, reason }) : undefined;
        return (
          before.kind === 'eligible' &&
          after?.kind === 'eligible' &&
          after.returnShippingPaidBy === before.returnShippingPaidBy &&
          after.refund.amount === before.refund.amount &&
          after.options.join() === before.options.join()
        );
      },
    },
  }).createMachine({
    id: 'returnOffer',
    context: ({ input }) => ({
      conversationId: input.conversationId,
      lang: input.lang,
      now: input.now,
      turnId: input.turnId,
      order: input.order,
      photos: input.photos,
      summaryPending: input.showSummary,
      actions: [],
      ...(input.reason ? { reason: input.reason } : {}),
      ...slotsFrom(input),
      ...remedyFrom(input),
    }),
    initial: 'reasonKnown?',
    states: {
      'reasonKnown?': {
        always: [
          // Not delivered yet: nothing to return whatever the reason, so none is asked (tracking and cancelling are offered).
          { guard: { type: 'eligibilityIs', params: { kind: 'not_delivered' } }, target: 'done', actions: { type: 'say', params: { said: 'explain' } } },
          { guard: 'mustPickItems', target: 'askingItems', actions: { type: 'say', params: { said: 'askItems' } } },
          { guard: 'hasReason', target: 'deciding' },
          { target: 'askingReason', actions: { type: 'say', params: { said: 'askReason' } } },
        ],
      },
      askingItems: {
        tags: ['awaitingUser', 'items'],
        on: {
          'user.said': [
            PHOTO_ONLY,
            // The first question of the return: nothing earlier to go back to.
            { guard: 'back', actions: ['nothingToGoBack', { type: 'say', params: { said: 'askItems' } }] },
            { guard: 'pickedItem', target: 'reasonKnown?', actions: ['listen', 'takeItems'] },
            { actions: ['listen', { type: 'say', params: { said: 'itemNotRecognised' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: { type: 'say', params: { said: 'askItems' } } },
        },
      },
      askingReason: {
        tags: ['awaitingUser', 'reason'],
        on: {
          'user.said': [
            PHOTO_ONLY,
            { guard: and(['back', 'pickedItems']), target: 'askingItems', actions: ['forgetItems', { type: 'say', params: { said: 'askItems' } }] },
            { guard: 'back', actions: ['nothingToGoBack', { type: 'say', params: { said: 'askReason' } }] },
            // "not the skillet, the other one — the spatulas, they arrived melted": the item corrected (with its reason, if told).
            { guard: and(['severalItems', 'itemsChanged']), target: 'reasonKnown?', actions: ['listen', 'takeNamedItems'] },
            { guard: 'gaveReason', target: 'reasonKnown?', actions: ['listen', 'takeReason'] },
            { actions: ['listen', { type: 'say', params: { said: 'reasonNotRecognised' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: { type: 'say', params: { said: 'askReason' } } },
        },
      },
      deciding: {
        always: [
          { guard: 'issuesWithoutAsking', target: 'issuing', actions: 'takeRemedyWithoutAsking' },
          { guard: { type: 'eligibilityIs', params: { kind: 'eligible' } }, target: 'choosingOption', actions: { type: 'say', params: { said: 'offer' } } },
          { guard: { type: 'eligibilityIs', params: { kind: 'outside_window_warranty' } }, target: 'warrantyChoice', actions: { type: 'say', params: { said: 'explain' } } },
          { target: 'done', actions: { type: 'say', params: { said: 'explain' } } },
        ],
      },
      // A typed yes takes the first option: the root routes yes/no here first (answer first).
      choosingOption: {
        tags: ['awaitingUser', 'yesNo', 'options'],
        on: {
          'user.said': [
            PHOTO_ONLY,
            { guard: 'back', target: 'askingReason', actions: ['forgetReason', { type: 'say', params: { said: 'askReason' } }] },
            { guard: 'conditionLowersRefund', target: 'deciding', actions: ['listen', 'takeCondition'] },
            // Other items named at the offer ("just the mitts" when all were offered): the offer for those first.
            { guard: and(['severalItems', 'itemsChanged']), target: 'deciding', actions: ['listen', 'takeNamedItems'] },
            { guard: 'pickedOption', target: 'issuing', actions: ['listen', 'takeCondition', assign({ resolution: ({ context, event }) => asOption(optionAnswer(event, context)) })] },
            // "It's unopened": noted, and the offer stated again without the proviso.
            { guard: 'gaveCondition', target: 'deciding', actions: ['listen', 'takeCondition'] },
            // "Just the mitts, not the pan": the items named again (a refusal of the others is no "no").
            { guard: and(['typedItems', 'severalItems']), target: 'deciding', actions: ['listen', 'takeNamedItems'] },
            // "没坏 就是太重了": the reason told again, terms unchanged: the return the buyer asked for, with the remedy they named.
            { guard: and(['restatedReason', 'reasonKeepsTerms']), target: 'issuing', actions: ['listen', 'takeReason', 'takeAskedRemedy'] },
            // "No it's not broken, I just ordered the wrong size": the reason told (again), the offer for it; a "no" there refuses nothing.
            { guard: 'restatedReason', target: 'deciding', actions: ['listen', 'takeReason'] },
            { guard: 'no', target: 'done', actions: { type: 'say', params: { said: 'noReturn' } } },
            { actions: ['listen', { type: 'say', params: { said: 'offer' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: { type: 'say', params: { said: 'offer' } } },
        },
      },
      warrantyChoice: {
        tags: ['awaitingUser', 'yesNo'],
        on: {
          'user.said': [
            PHOTO_ONLY,
            { guard: 'back', target: 'askingReason', actions: ['forgetReason', { type: 'say', params: { said: 'askReason' } }] },
            { guard: 'wantsWarranty', target: 'issuing', actions: ['listen', assign({ resolution: 'warranty_repair' })] },
            { guard: 'no', target: 'done', actions: { type: 'say', params: { said: 'noReturn' } } },
            { actions: ['listen', { type: 'say', params: { said: 'explain' } }, 'notUnderstood'] },
          ],
          'flow.reask': { actions: { type: 'say', params: { said: 'explain' } } },
        },
      },
      issuing: {
        invoke: {
          src: 'issueReturn',
          input: ({ context }) => {
            const t = termsOf(context, policy);
            const reason = context.reason ?? 'defective';
            // seed 001 §3 (5): photos are evidence of a fault that is the seller's
            const evidence = SELLER_FAULT_REASONS.includes(reason) && context.photos.length > 0 ? { evidence: context.photos } : {};
            return {
              conversationId: context.conversationId,
              turnId: context.turnId,
              lang: context.lang,
              orderId: context.order.id,
              skus: context.skus ?? context.order.items.map((i) => i.sku),
              reason,
              resolution: context.resolution ?? 'refund',
              returnShippingPaidBy: t.paidBy,
              refundAmount: t.refund,
              ...evidence,
            };
          },
          onDone: [
            // Nothing is known to have happened: let the buyer choose again.
            { guard: ({ event }) => event.output.outcome === 'failed', target: 'choosingOption' },
            {
              target: 'done',
              actions: assign({
                actions: ({ context, event }) => [...context.actions, ...(event.output.rma ? [`rma:${event.output.rma}`] : []), ...(event.output.refunded ? ['refunded'] : [])],
                issued: ({ context, event }) => issuedReturn(context, event.output.rma),
              }),
            },
          ],
        },
      },
      done: { type: 'final' },
    },
    output: ({ context }) => ({ actions: context.actions, ...(context.issued ? { issued: context.issued } : {}) }),
  });
}
