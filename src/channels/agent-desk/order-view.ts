/**
 * How an order looks to an agent, in the agent's language, wherever they look (Teams cards, the
 * console tab): money and dates formatted like buyer replies, and what the policy allows now.
 */
import type { Lang } from '../../domain/lang.js';
import { formatValue } from '../../bot/render.js';
import type { OrderFacts } from '../../policy/order-facts.js';

/** Translate for the agent: `t('agent:card.accept')`. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The agent's language and the seller's time zone. */
export interface CardContext {
  t: Translate;
  lang: Lang;
  timeZone: string;
}

/** Same formatting as buyer replies (src/bot/render.ts), so agents and buyers see the same figures. */
export function formatDate(iso: string, c: CardContext): string {
  return String(formatValue({ iso, style: 'date' }, c.lang, 'date', c.timeZone));
}

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  return String(formatValue({ amount, currency }, lang, 'amount', 'UTC'));
}

/** The policy rows agents need before they promise anything. */
export function policyFacts(f: OrderFacts, c: CardContext): [string, string][] {
  const { t } = c;
  const returnable = f.returnableUntil
    ? f.returnableNow
      ? formatDate(f.returnableUntil, c)
      : t('agent:policy.returnClosed', { until: formatDate(f.returnableUntil, c) })
    : t('agent:policy.notDelivered');
  const w = f.warranty;
  const until = w.kind === 'expired' ? formatDate(w.endedAt, c) : w.kind === 'not_delivered' ? '' : formatDate(w.until, c);
  return [
    [t('agent:policy.cancellable'), t(`agent:policy.cancel.${f.cancellable}`)],
    ...(f.pendingApprovals ?? []).map((p): [string, string] => [t('agent:policy.pendingApproval'), t('agent:policy.pendingCancel', { orderId: f.orderId, ticketId: p.ticketId })]),
    [t('agent:policy.returnableUntil'), returnable],
    [t('agent:policy.warranty'), t(`agent:policy.warrantyKinds.${w.kind}`, { until })],
  ];
}

/** Status, purchase date, total, tracking. */
export function orderRows(f: OrderFacts, c: CardContext): [string, string][] {
  const { t } = c;
  return [
    [t('agent:order.status'), t(`agent:order.statuses.${f.status}`)],
    [t('agent:order.purchased'), formatDate(f.purchasedAt, c)],
    [t('agent:order.total'), formatMoney(f.total.amount, f.total.currency, c.lang)],
    [t('agent:order.tracking'), f.trackingNumber ? `${f.carrier ?? ''} ${f.trackingNumber}`.trim() : t('agent:order.noTracking')],
  ];
}

