/**
 * How a handoff ticket is stored in Redis (see redis-handoff-queue.ts for the key layout): the hash's
 * fields, the request and the relayed messages as JSON, and the ticket rebuilt from them. What
 * another writer (or an older version) stored is validated here, never trusted.
 */
import { z } from 'zod';
import type { QueuedTicket, TicketState } from './handoff-port.js';

export const RequestSchema = z.looseObject({
  conversationId: z.string(),
  lang: z.enum(['en', 'zh']),
  reason: z.enum(['asked', 'severe_complaint', 'misunderstood', 'policy_exception']),
  intent: z.string().optional(),
  orderId: z.string().optional(),
  summary: z.array(z.object({ key: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
  actions: z.array(z.string()),
  pending: z.object({ kind: z.literal('cancel'), orderId: z.string(), by: z.enum(['buyer', 'seller']), reason: z.enum(['buyer_request', 'address_change']) }).optional(),
});
const PendingOutcomeSchema = z.object({ outcome: z.enum(['cancelled', 'shipped_meanwhile', 'already_cancelled', 'not_possible']), at: z.string() });
const ApprovalsSchema = z.array(z.object({ agentId: z.string(), agentName: z.string(), at: z.string() }));
const MessageSchema = z.object({ at: z.string(), text: z.string() });
const StateSchema = z.enum(['queued', 'accepted', 'closed', 'withdrawn']);

/**
 * A hash as a record: HGETALL inside a script comes back flat ([field, value, ...]), while
 * node-redis maps a direct HGETALL reply to an object.
 */
export function readHash(fields: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) {
    for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  if (!Array.isArray(fields)) return out;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [k, v] = [fields[i], fields[i + 1]];
    if (typeof k === 'string' && typeof v === 'string') out[k] = v;
  }
  return out;
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Rebuild a ticket from its hash and message list, validating what another writer stored. */
export function toTicket(ticketId: string, fields: unknown, messages: unknown): QueuedTicket | undefined {
  const hash = readHash(fields);
  const request = RequestSchema.safeParse(parseJson(hash.request));
  const state = StateSchema.safeParse(hash.state);
  if (!request.success || !state.success || hash.createdAt === undefined) return undefined;
  const approvals = hash.approvals === undefined ? undefined : ApprovalsSchema.safeParse(parseJson(hash.approvals));
  const pendingOutcome = hash.pendingOutcome === undefined ? undefined : PendingOutcomeSchema.safeParse(parseJson(hash.pendingOutcome));
  const buyerMessages = Array.isArray(messages)
    ? messages.flatMap((raw: unknown) => {
        const m = MessageSchema.safeParse(typeof raw === 'string' ? parseJson(raw) : undefined);
        return m.success ? [m.data] : [];
      })
    : [];
  const ticketState: TicketState = state.data;
  return {
    ...request.data,
    ticketId,
    createdAt: hash.createdAt,
    state: ticketState,
    buyerMessages,
    ...(hash.agentId === undefined ? {} : { agentId: hash.agentId }),
    ...(hash.agentName === undefined ? {} : { agentName: hash.agentName }),
    ...(approvals?.success ? { approvals: approvals.data } : {}),
    ...(pendingOutcome?.success ? { pendingOutcome: pendingOutcome.data } : {}),
    ...(hash.acceptedAt === undefined ? {} : { acceptedAt: hash.acceptedAt }),
    ...(hash.closedAt === undefined ? {} : { closedAt: hash.closedAt }),
  };
}
