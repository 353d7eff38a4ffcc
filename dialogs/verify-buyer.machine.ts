/**
 * Verify the buyer before anything about an order is shown or changed: order id plus the email or
 * postal code on it (or a host page's signed buyer token naming the email). Asks only for what is
 * still missing; a new order number at the email / postal code question replaces the first one; "back"
 * from that question asks for the order number again. The service gives one generic "no match" for unknown orders and wrong details, and
 * locks after repeated failures.
 */
import { assign, emit, sendParent, setup } from 'xstate';
import type { Order } from '../src/domain/order.js';
import type { UserSaid } from './events.js';
import { MISUNDERSTOOD, type FlowEvent } from './flow.js';
import type { Reply, ReplyEmitted } from './reply.js';
import { itemTitleValue } from '../src/domain/reply.js';
import { serviceActors } from './services.js';
import { entity, isBack, suggestion } from './shared.js';

export interface VerifyInput {
  conversationId: string;
  first?: UserSaid;
  /** An order this conversation already verified: reused without asking again. */
  verifiedOrderId?: string;
  /** Email from a verified buyer token. */
  verifiedEmail?: string;
  /** Order number / email / postal code named earlier in the conversation (used when the first message has none). */
  known?: { orderId?: string; email?: string; postalCode?: string };
}

export interface VerifyOutput {
  order?: Order;
  locked: boolean;
}

interface VerifyContext {
  conversationId: string;
  orderId?: string;
  email?: string;
  postalCode?: string;
  verifiedOrderId?: string;
  verifiedEmail?: string;
  order?: Order;
  locked: boolean;
  /** Orders listed for a signed-in buyer: every later "which order?" offers them again. */
  listed?: ListedOrder[];
  /** The email / postal code of a failed attempt: a correction of only the order number retries with it. */
  triedDetail?: { email?: string; postalCode?: string };
  /** The order number of a failed attempt: a correction of only the email / postal code retries it. */
  tried?: string;
}

interface ListedOrder {
  id: string;
  title: string;
  /** The first item's title per language (absent in snapshots saved before titles had languages). */
  titles?: Partial<Record<'en' | 'zh', string>>;
}

const ORDER_CHOICE = /^order:(.+)$/;
/** Short alphanumeric answers to "your postal code?" (UK "SW1A 1AA", DE "10115", CN "200000"). */
const POSTAL_LIKE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;

function factsFrom(event: UserSaid | undefined): Pick<VerifyContext, 'orderId' | 'email' | 'postalCode'> {
  if (!event) return {};
  const picked = event.choice ? ORDER_CHOICE.exec(event.choice)?.[1] : undefined;
  const orderId = picked ?? entity(event.nlu.entities, 'orderId');
  const email = entity(event.nlu.entities, 'email');
  // "141-6613950-8127734，100022": a bare 5-6 digit number beside the order number is its postal code
  // (the NLU cannot tell a bare CN postcode from a number on its own).
  const beside = orderId && !email ? event.nlu.entities.find((e) => e.type === 'number' && /^\d{5,6}$/.test(e.value))?.value : undefined;
  const postalCode = entity(event.nlu.entities, 'postalCode') ?? beside;
  return {
    ...(orderId ? { orderId } : {}),
    ...(email ? { email } : {}),
    ...(postalCode ? { postalCode } : {}),
  };
}

/** The first message's facts; without an order number there, the ones named earlier in the conversation. */
function knownFacts(input: VerifyInput): Pick<VerifyContext, 'orderId' | 'email' | 'postalCode'> {
  const first = factsFrom(input.first);
  if (first.orderId || !input.known?.orderId) return first;
  const { orderId, email, postalCode } = input.known;
  return { orderId, ...(email ? { email } : {}), ...(postalCode ? { postalCode } : {}), ...first };
}

const orderButtons = (listed: ListedOrder[]) => listed.map((o) => suggestion('verify:orderChoice', `order:${o.id}`, { orderId: o.id, title: itemTitleValue(o) }));

/** "Which order?": the signed-in buyer's orders as buttons when they were listed, else the order number. */
function askOrder(c: VerifyContext, again: boolean): Reply {
  if (c.listed?.length) return { key: again ? 'verify:pickOrderAgain' : 'verify:pickOrder', suggestions: orderButtons(c.listed) };
  return { key: again ? 'verify:orderIdNotRecognised' : 'verify:askOrderId' };
}

/** The postal code in a short correction ("dbq打错了 是97205", "it's 30308"). */
function postalAnswer(text: string): string | undefined {
  const t = text.trim();
  if (POSTAL_LIKE.test(t)) return t;
  return /(?<![\dA-Za-z])(\d{5,6}|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})(?![\dA-Za-z])/.exec(t)?.[1];
}

const asUserSaid = (event: FlowEvent): UserSaid | undefined => (event.type === 'user.said' ? event : undefined);

/**
 * Whether `next` reads as a typo fix of the order number `tried`: the same digits but for at most three
 * positions (a swap changes two), or one digit dropped or added.
 */
function correctsOrderId(tried: string | undefined, next: string | undefined): boolean {
  const a = tried?.replace(/\D/g, '') ?? '';
  const b = next?.replace(/\D/g, '') ?? '';
  if (a === '' || b === '' || a === b) return false;
  if (a.length === b.length) return [...a].filter((d, i) => d !== b[i]).length <= 3;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  return [...long].some((_, i) => long.slice(0, i) + long.slice(i + 1) === short);
}

export const verifyBuyerMachine = setup({
  types: {
    context: {} as VerifyContext,
    events: {} as FlowEvent,
    input: {} as VerifyInput,
    output: {} as VerifyOutput,
    emitted: {} as ReplyEmitted,
  },
  actors: {
    verifyBuyer: serviceActors.verifyBuyer,
    loadOrder: serviceActors.loadOrder,
    listOrdersByEmail: serviceActors.listOrdersByEmail,
  },
  actions: {
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    takeFacts: assign(({ context, event }) => {
      const said = asUserSaid(event);
      const facts = factsFrom(said);
      // A bare answer to "email or postal code?" counts as a postal code when it looks like one.
      if (said && !facts.email && !facts.postalCode && context.orderId && !facts.orderId && POSTAL_LIKE.test(said.text.trim())) {
        facts.postalCode = said.text.trim();
      }
      return facts;
    }),
    forgetFacts: assign({ orderId: undefined, email: undefined, postalCode: undefined }),
    /** After a failed attempt: the order number stays on hand for a corrected email / postal code. */
    keepTried: assign(({ context }) => ({
      tried: context.orderId,
      triedDetail: context.email ? { email: context.email } : context.postalCode ? { postalCode: context.postalCode } : undefined,
      orderId: undefined,
      email: undefined,
      postalCode: undefined,
    })),
    /**
     * A corrected order number alone, after a failed attempt: retried with the email / postal code given
     * before. Only a correction (a few digits changed, swapped, dropped or added): another order is a new
     * check, so a wrong email is never tried again on the buyer's behalf against a different order.
     */
    reuseTriedDetail: assign(({ context }) =>
      context.email || context.postalCode || !context.triedDetail || !correctsOrderId(context.tried, context.orderId) ? {} : { ...context.triedDetail },
    ),
    /** "sorry, it's priya.shah@example.co.uk": the corrected detail with the order number just tried. */
    retryTried: assign(({ context, event }) => {
      const facts = factsFrom(asUserSaid(event));
      const postal = !facts.email && !facts.postalCode && event.type === 'user.said' ? postalAnswer(event.text) : undefined;
      return { orderId: context.tried, ...facts, ...(postal ? { postalCode: postal } : {}), tried: undefined };
    }),
    askOrder: emit(({ context }, params: { again: boolean }) => ({ type: 'reply' as const, reply: askOrder(context, params.again) })),
    notUnderstood: sendParent(MISUNDERSTOOD),
  },
  guards: {
    canReuseVerified: ({ context }) =>
      context.verifiedOrderId !== undefined && (context.orderId === undefined || context.orderId === context.verifiedOrderId),
    hasAll: ({ context }) => context.orderId !== undefined && (context.email !== undefined || context.postalCode !== undefined),
    hasOrderAndToken: ({ context }) => context.orderId !== undefined && context.verifiedEmail !== undefined,
    hasOrderId: ({ context }) => context.orderId !== undefined,
    hasToken: ({ context }) => context.verifiedEmail !== undefined,
    back: ({ event }) => event.type === 'user.said' && isBack(event),
  },
}).createMachine({
  id: 'verifyBuyer',
  context: ({ input }) => ({
    conversationId: input.conversationId,
    locked: false,
    ...knownFacts(input),
    ...(input.verifiedOrderId ? { verifiedOrderId: input.verifiedOrderId } : {}),
    ...(input.verifiedEmail ? { verifiedEmail: input.verifiedEmail } : {}),
  }),
  initial: 'checking',
  states: {
    checking: {
      always: [
        { guard: 'canReuseVerified', target: 'reloading' },
        { guard: 'hasAll', target: 'verifying' },
        { guard: 'hasOrderAndToken', target: 'verifying' },
        { guard: 'hasOrderId', target: 'askingDetail', actions: { type: 'say', params: { key: 'verify:askDetail' } } },
        { guard: 'hasToken', target: 'listing' },
        { target: 'askingOrderId', actions: { type: 'say', params: { key: 'verify:askOrderId' } } },
      ],
    },
    reloading: {
      invoke: {
        src: 'loadOrder',
        input: ({ context }) => ({ orderId: context.verifiedOrderId ?? '' }),
        onDone: [
          { guard: ({ event }) => event.output !== undefined, target: 'verified', actions: assign({ order: ({ event }) => event.output }) },
          { target: 'askingOrderId', actions: [assign({ verifiedOrderId: undefined }), { type: 'say', params: { key: 'verify:askOrderId' } }] },
        ],
        onError: { target: 'askingOrderId', actions: { type: 'say', params: { key: 'verify:askOrderId' } } },
      },
    },
    listing: {
      invoke: {
        src: 'listOrdersByEmail',
        input: ({ context }) => ({ email: context.verifiedEmail ?? '' }),
        onDone: {
          target: 'askingOrderId',
          actions: [
            assign({ listed: ({ event }) => event.output.slice(0, 5).map((o) => ({ id: o.id, title: o.items[0]?.title ?? '', ...(o.items[0]?.titles ? { titles: o.items[0].titles } : {}) })) }),
            { type: 'askOrder', params: { again: false } },
          ],
        },
        onError: { target: 'askingOrderId', actions: { type: 'say', params: { key: 'verify:askOrderId' } } },
      },
    },
    askingOrderId: {
      tags: 'awaitingUser',
      on: {
        'user.said': [
          { guard: 'back', actions: [{ type: 'say', params: { key: 'common:nothingToGoBack' } }, { type: 'askOrder', params: { again: false } }] },
          { guard: ({ event }) => factsFrom(event).orderId !== undefined, target: 'checking', actions: ['takeFacts', 'reuseTriedDetail'] },
          // A correction of the detail alone, after a failed attempt: retried with the order number just tried.
          {
            guard: ({ context, event }) => context.tried !== undefined && (factsFrom(event).email !== undefined || factsFrom(event).postalCode !== undefined || postalAnswer(event.text) !== undefined),
            target: 'checking',
            actions: 'retryTried',
          },
          { actions: [{ type: 'askOrder', params: { again: true } }, 'notUnderstood'] },
        ],
        'flow.reask': { actions: { type: 'askOrder', params: { again: false } } },
      },
    },
    askingDetail: {
      tags: 'awaitingUser',
      on: {
        'user.said': [
          // Checked before the postal-code reading: "back" would otherwise pass for a postal code.
          { guard: 'back', target: 'askingOrderId', actions: ['forgetFacts', { type: 'say', params: { key: 'verify:askOrderId' } }] },
          // "sorry wrong one, I meant 113-…": the corrected order number replaces the first (with any detail it carries).
          { guard: ({ context, event }) => (factsFrom(event).orderId ?? context.orderId) !== context.orderId, target: 'checking', actions: ['forgetFacts', 'takeFacts'] },
          {
            target: 'checking',
            actions: 'takeFacts',
            guard: ({ event }) => {
              const f = factsFrom(event);
              return f.email !== undefined || f.postalCode !== undefined || POSTAL_LIKE.test(event.text.trim());
            },
          },
          { actions: [{ type: 'say', params: { key: 'verify:detailNotRecognised' } }, 'notUnderstood'] },
        ],
        'flow.reask': { actions: { type: 'say', params: { key: 'verify:askDetail' } } },
      },
    },
    verifying: {
      invoke: {
        src: 'verifyBuyer',
        input: ({ context }) => ({
          conversationId: context.conversationId,
          orderId: context.orderId ?? '',
          ...(context.email ? { email: context.email } : context.postalCode ? { postalCode: context.postalCode } : context.verifiedEmail ? { email: context.verifiedEmail } : {}),
        }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'verified', actions: assign({ order: ({ event }) => (event.output.ok ? event.output.value : undefined) }) },
          {
            guard: ({ event }) => !event.output.ok && event.output.code === 'locked',
            target: 'locked',
            actions: { type: 'say', params: { key: 'verify:locked' } },
          },
          { target: 'askingOrderId', actions: ['keepTried', { type: 'say', params: { key: 'verify:noMatch' } }] },
        ],
        onError: { target: 'askingOrderId', actions: ['forgetFacts', { type: 'say', params: { key: 'common:errors.serviceUnavailable' } }] },
      },
    },
    verified: { type: 'final' },
    locked: { type: 'final', entry: assign({ locked: true }) },
  },
  output: ({ context }) => (context.order ? { order: context.order, locked: false } : { locked: context.locked }),
});
