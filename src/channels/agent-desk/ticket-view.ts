/**
 * Tickets and orders as agents read them, in the agent's language, for every surface (Teams cards,
 * the console tab): order, topic, language and waiting time instead of raw codes.
 */
import type { QueuedTicket } from '../../services/handoff/handoff-port.js';
import { formatDate, orderRows, policyFacts, type CardContext } from './order-view.js';
import type { OrderFacts } from '../../policy/order-facts.js';

export interface TicketRow {
  ticketId: string;
  conversationId: string;
  state: QueuedTicket['state'];
  agentId: string | null;
  agentName: string | null;
  orderId: string | null;
  /** Order id or "no order"; topic; buyer's language; waiting time or who has it or when it closed. */
  order: string;
  topic: string;
  language: string;
  status: string;
}

function topicOf(t: QueuedTicket, c: CardContext): string {
  return t.intent ? c.t(`agent:intents.${t.intent}`) : c.t(`handoff:reasons.${t.reason}`);
}

/** One line of the queue or of the history, at `now`. */
export function ticketRow(t: QueuedTicket, now: Date, c: CardContext): TicketRow {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(t.createdAt)) / 60_000));
  const dateTime = (iso: string | undefined) => (iso ? `${formatDate(iso, c)} ${new Intl.DateTimeFormat(c.lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: c.timeZone }).format(new Date(iso))}` : '');
  const status =
    t.state === 'queued'
      ? c.t('agent:tab.waiting', { count: minutes })
      : t.state === 'accepted'
        ? c.t('agent:queue.states.accepted', { agentName: t.agentName ?? '' })
        : t.state === 'closed'
          ? c.t('agent:tab.closedAt', { date: dateTime(t.closedAt) })
          : c.t('agent:tab.withdrawnAt', { date: dateTime(t.closedAt) });
  return {
    ticketId: t.ticketId,
    conversationId: t.conversationId,
    state: t.state,
    agentId: t.agentId ?? null,
    agentName: t.agentName ?? null,
    orderId: t.orderId ?? null,
    order: t.orderId ?? c.t('agent:tab.noOrder'),
    topic: topicOf(t, c),
    language: c.t(`agent:languages.${t.lang}`),
    status,
  };
}

export interface OrderView {
  title: string;
  rows: { label: string; value: string }[];
  policyTitle: string;
  policy: { label: string; value: string }[];
}

/** The order as an agent reads it: formatted money and dates, and what the policy allows now. */
export function orderView(f: OrderFacts, c: CardContext): OrderView {
  const pairs = (rows: [string, string][]) => rows.map(([label, value]) => ({ label, value }));
  return { title: c.t('agent:order.title', { orderId: f.orderId }), rows: pairs(orderRows(f, c)), policyTitle: c.t('agent:policy.title'), policy: pairs(policyFacts(f, c)) };
}
