/**
 * Adaptive Cards for replies that carry structured data (tracking timeline, return label, order
 * summary). Card text comes from the `cards` namespace in the buyer's language; the reply's own text
 * stays the plain-text fallback for channels without cards.
 */
import type { Attachment } from 'botbuilder';
import type { CardSpec } from '../../dialogs/reply.js';
import { carrierName } from '../domain/carriers.js';
import type { Lang } from '../domain/lang.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface CardFormat {
  /** The sentence of `key` in the card's language. */
  t(key: string, values?: Record<string, unknown>): string;
  date(iso: string, withTime?: boolean): string;
  money(value: { amount: number; currency: string }): string;
  /** Makes provider- or buyer-supplied strings inert in card markdown. */
  inert(text: string): string;
  /** The card's language: picks item titles, carrier names and places the source has in it. */
  lang: Lang;
}

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

export function buildCard(spec: CardSpec, f: CardFormat): Attachment {
  const t = f.t;
  const place = (e: { location?: string; locations?: Partial<Record<Lang, string>> }): string => e.locations?.[f.lang] ?? e.location ?? '';
  let body: unknown[];
  let actions: unknown[] = [];
  switch (spec.kind) {
    case 'trackingTimeline':
      body = [
        text(t('cards:tracking.title', { orderId: spec.orderId }), { weight: 'Bolder', size: 'Medium' }),
        {
          type: 'FactSet',
          facts: [
            { title: t('cards:tracking.carrier'), value: f.inert(carrierName(spec.carrier, f.lang)) },
            { title: t('cards:tracking.number'), value: f.inert(spec.trackingNumber) },
          ],
        },
        ...[...spec.events]
          .reverse()
          .slice(0, 8)
          .map((e, i) =>
            text(`${f.date(e.at, true)} · ${t(`track:events.${e.code}`)}${place(e) ? ` · ${f.inert(place(e))}` : ''}`, {
              spacing: 'Small',
              isSubtle: i > 0,
              weight: i === 0 ? 'Bolder' : 'Default',
            }),
          ),
      ];
      break;
    case 'returnLabel':
      body = [
        text(t('cards:label.title'), { weight: 'Bolder', size: 'Medium' }),
        {
          type: 'FactSet',
          facts: [
            { title: t('cards:label.rma'), value: spec.rma },
            { title: t('cards:label.expires'), value: f.date(spec.expiresAt) },
            ...(spec.dropOffCode ? [{ title: t('cards:label.dropOff'), value: spec.dropOffCode }] : []),
          ],
        },
        text(t('cards:label.howTo'), { isSubtle: true }),
      ];
      actions = [{ type: 'Action.OpenUrl', title: t('cards:label.print'), url: spec.url }];
      break;
    case 'orderSummary':
      body = [
        text(t('cards:order.title', { orderId: spec.orderId }), { weight: 'Bolder', size: 'Medium' }),
        {
          type: 'FactSet',
          facts: [
            { title: t('cards:order.placed'), value: f.date(spec.purchasedAt) },
            ...(spec.deliveredAt ? [{ title: t('cards:order.delivered'), value: f.date(spec.deliveredAt) }] : []),
            { title: t('cards:order.status'), value: t(`cards:order.statuses.${spec.status}`) },
            ...spec.items.map((i) => ({ title: `${i.quantity} ×`, value: t('cards:order.item', { title: f.inert(i.titles?.[f.lang] ?? i.title), price: f.money(i.unitPrice) }) })),
            { title: t('cards:order.total'), value: f.money(spec.total) },
          ],
        },
      ];
      break;
  }
  return {
    contentType: ADAPTIVE_CARD,
    content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body, actions },
  };
}
