/**
 * What an agent may look up, independent of where they ask (Teams chat or the console tab): the
 * order with what the policy allows right now, and the text commands agents type in both languages.
 */
import type { Order } from '../../domain/order.js';
import { cancelDecision, orderTotal, returnDeadline, warrantyStatus, type PolicyConfig, type WarrantyStatus } from '../../policy/index.js';
import type { Money } from '../../domain/money.js';

export interface OrderFacts {
  orderId: string;
  status: Order['status'];
  purchasedAt: string;
  total: Money;
  carrier?: string;
  trackingNumber?: string;
  /** `buyer`: the buyer may still cancel themselves; `seller`: only the seller; `no`: too late. */
  cancellable: 'buyer' | 'seller' | 'seller_with_approval' | 'no';
  /** End of the return window (delivered orders). */
  returnableUntil?: string;
  /** True when `returnableUntil` has not passed at `now`. */
  returnableNow: boolean;
  warranty: WarrantyStatus;
  /** Open tickets whose approval would act on this order ("approve <ticket>" cancels it). */
  pendingApprovals?: { ticketId: string; kind: 'cancel' }[];
}

/** Pure: the policy evaluation shown on order and handoff cards. */
export function orderFacts(order: Order, now: Date, policy: PolicyConfig): OrderFacts {
  const cancel = cancelDecision(order, now, policy);
  const cancellable =
    cancel.kind === 'buyer_can_cancel' ? 'buyer' : cancel.kind === 'seller_can_cancel' ? (cancel.requiresApproval ? 'seller_with_approval' : 'seller') : 'no';
  const until = returnDeadline(order, policy);
  return {
    orderId: order.id,
    status: order.status,
    purchasedAt: order.purchasedAt,
    total: orderTotal(order),
    ...(order.carrier ? { carrier: order.carrier } : {}),
    ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
    cancellable,
    ...(until ? { returnableUntil: until } : {}),
    returnableNow: order.status === 'delivered' && until !== undefined && Date.parse(until) >= now.getTime(),
    warranty: warrantyStatus(order, now, policy),
  };
}

export type AgentCommand =
  | { name: 'order'; orderId: string }
  | { name: 'queue' }
  | { name: 'transcript'; id: string }
  | { name: 'approve'; ticketId: string }
  | { name: 'accept'; ticketId: string }
  | { name: 'end'; ticketId?: string }
  | { name: 'canned'; ticketId?: string }
  | { name: 'help' };

const ALIASES: Record<string, AgentCommand['name']> = {
  order: 'order',
  订单: 'order',
  queue: 'queue',
  队列: 'queue',
  transcript: 'transcript',
  记录: 'transcript',
  聊天记录: 'transcript',
  approve: 'approve',
  批准: 'approve',
  accept: 'accept',
  接单: 'accept',
  end: 'end',
  结束: 'end',
  canned: 'canned',
  快捷回复: 'canned',
  help: 'help',
  帮助: 'help',
};

/**
 * A command typed by an agent, or undefined (in a ticket thread that means: relay it to the buyer).
 * Leading mentions are stripped by the caller; the first word decides, ids are taken verbatim.
 */
export function parseAgentCommand(text: string): AgentCommand | undefined {
  const trimmed = text.trim().replace(/^\//, '');
  const m = /^(\S+?)(?:\s*[:：]\s*|\s+|$)(.*)$/su.exec(trimmed);
  if (!m || m[1] === undefined) return undefined;
  const name = ALIASES[m[1].toLowerCase()];
  const arg = (m[2] ?? '').trim();
  const id = /^[\w.:@;=-]{1,200}$/.test(arg) ? arg : undefined;
  switch (name) {
    case 'order':
      return id ? { name, orderId: id } : undefined;
    case 'transcript':
      return id ? { name, id } : undefined;
    case 'approve':
      return id ? { name, ticketId: id } : undefined;
    case 'accept':
      return id ? { name, ticketId: id } : undefined;
    case 'end':
    case 'canned':
      if (arg === '') return { name };
      return id ? { name, ticketId: id } : undefined;
    case 'queue':
    case 'help':
      return arg === '' ? { name } : undefined;
    default:
      return undefined;
  }
}

/** Canned replies agents can send; rendered in the buyer's language from `agent:canned.*`. */
export const CANNED_REPLIES = [
  'greeting',
  'lookingIntoIt',
  'askPhoto',
  'exceptionApproved',
  'refundIssued',
  'replacementSent',
  'followUpEmail',
  'thanksForWaiting',
] as const;
export type CannedReply = (typeof CANNED_REPLIES)[number];

export function cannedKey(name: CannedReply): string {
  return `agent:canned.${name}`;
}

/** Accepts only keys from the list (a tampered card submit cannot send an arbitrary key to a buyer). */
export function parseCannedKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.startsWith('agent:canned.') ? value.slice('agent:canned.'.length) : value;
  return (CANNED_REPLIES as readonly string[]).includes(name) ? `agent:canned.${name}` : undefined;
}
