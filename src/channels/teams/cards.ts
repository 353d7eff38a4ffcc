/**
 * Adaptive Cards for agents, in the agent's language (the buyer's language is always shown, since
 * agents answer through canned replies rendered for the buyer). Labels come from `agent:*` keys.
 */
import type { Attachment } from 'botbuilder';
import { INTENTS } from '../../nlu/types.js';
import type { Lang } from '../../domain/lang.js';
import type { QueuedTicket } from '../../services/handoff/handoff-queue.js';
import type { TranscriptEntry } from '../../state/transcript-store.js';
import { CANNED_REPLIES, cannedKey } from '../agent-desk/index.js';
import type { OrderFacts } from '../../policy/order-facts.js';
import { orderRows, policyFacts, type CardContext } from '../agent-desk/order-view.js';
import { ticketRow } from '../agent-desk/ticket-view.js';

export type { CardContext, Translate } from '../agent-desk/order-view.js';

type Element = Record<string, unknown>;

export function adaptiveCard(body: Element[], actions: Element[] = []): Attachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4', body, ...(actions.length ? { actions } : {}) },
  };
}

const text = (value: string, extra: Element = {}): Element => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const facts = (rows: [string, string][]): Element => ({ type: 'FactSet', facts: rows.map(([title, value]) => ({ title, value })) });

/** `order <id>` answer. */
export function orderCard(f: OrderFacts, c: CardContext): Attachment {
  return adaptiveCard([
    text(c.t('agent:order.title', { orderId: f.orderId }), { weight: 'Bolder', size: 'Medium' }),
    facts(orderRows(f, c)),
    text(c.t('agent:policy.title'), { weight: 'Bolder', spacing: 'Medium' }),
    facts(policyFacts(f, c)),
  ]);
}

export interface HandoffView {
  ticket: QueuedTicket;
  order?: OrderFacts;
  lastMessages: TranscriptEntry[];
}

function transcriptLines(entries: TranscriptEntry[], c: CardContext): Element[] {
  if (entries.length === 0) return [text(c.t('agent:card.noMessages'), { isSubtle: true })];
  return entries.map((e) => text(`**${c.t(`agent:from.${e.from}`)}:** ${plain(e.text)}`, { spacing: 'Small' }));
}

/** Card text is markdown: what buyers typed must not turn into links or formatting for agents. */
export function plain(value: string): string {
  return value.replace(/[\\`*_[\]()<>#|~]/g, (ch) => `\\${ch}`).slice(0, 500);
}

/** An intent as agents read it ("Track an order"), never the raw id; an unknown id is shown as typed. */
export function intentLabel(intent: string, c: CardContext): string {
  return (INTENTS as readonly string[]).includes(intent) ? c.t(`agent:intents.${intent}`) : plain(intent);
}

/** The handoff summary lines, with the intent named the way agents read it. */
function summaryLine(line: QueuedTicket['summary'][number], c: CardContext): string {
  const values = line.values ?? {};
  if (line.key === 'handoff:summaryIntent' && typeof values.intent === 'string') return c.t(line.key, { ...values, intent: intentLabel(values.intent, c) });
  return c.t(line.key, values);
}

/**
 * The handoff card: state decides the footer (Accept; accepted by X with End and canned replies;
 * closed; withdrawn).
 */
export function handoffCard(view: HandoffView, c: CardContext): Attachment {
  const { t } = c;
  const { ticket } = view;
  const summary = ticket.summary.map((s) => summaryLine(s, c));
  const body: Element[] = [
    text(t('agent:card.handoffTitle', { ticketId: ticket.ticketId }), { weight: 'Bolder', size: 'Medium' }),
    facts([
      [t('agent:card.buyerLanguage'), t(`agent:languages.${ticket.lang}`)],
      [t('agent:card.reason'), t(`handoff:reasons.${ticket.reason}`)],
      [t('agent:card.intent'), ticket.intent ? intentLabel(ticket.intent, c) : '—'],
      [t('agent:card.conversation'), ticket.conversationId],
      [t('agent:card.order'), ticket.orderId ?? t('agent:card.noOrder')],
    ]),
    ...summary.map((s) => text(s, { isSubtle: true, spacing: 'Small' })),
  ];
  if (view.order) {
    body.push(text(t('agent:policy.title'), { weight: 'Bolder', spacing: 'Medium' }), facts([...orderRows(view.order, c), ...policyFacts(view.order, c)]));
  }
  body.push(
    text(t('agent:card.actions'), { weight: 'Bolder', spacing: 'Medium' }),
    text(ticket.actions.length ? ticket.actions.map(plain).join(', ') : t('agent:card.noActions'), { isSubtle: ticket.actions.length === 0 }),
    text(t('agent:card.lastMessages'), { weight: 'Bolder', spacing: 'Medium' }),
    ...transcriptLines(view.lastMessages, c),
  );
  for (const a of ticket.approvals ?? []) body.push(text(t('agent:card.approved', { agentName: plain(a.agentName) }), { color: 'Good' }));
  if (ticket.pending && ticket.pendingOutcome) {
    const outcome = ticket.pendingOutcome.outcome;
    body.push(text(t(`agent:card.pendingOutcome.${outcome}`, { orderId: ticket.pending.orderId }), { color: outcome === 'cancelled' ? 'Good' : 'Attention' }));
  }
  const actions: Element[] = [];
  if (ticket.state === 'queued') {
    actions.push({ type: 'Action.Submit', title: t('agent:card.accept'), data: { action: 'accept', ticketId: ticket.ticketId } });
  } else if (ticket.state === 'accepted') {
    body.push(text(t('agent:card.acceptedBy', { agentName: plain(ticket.agentName ?? '') }), { weight: 'Bolder', color: 'Good' }));
    body.push(text(t('agent:card.replyHint'), { isSubtle: true }));
    body.push(cannedChoice(c));
    actions.push(
      { type: 'Action.Submit', title: t('agent:card.sendCanned'), data: { action: 'canned', ticketId: ticket.ticketId } },
      { type: 'Action.Submit', title: t('agent:card.end'), data: { action: 'end', ticketId: ticket.ticketId } },
    );
  } else if (ticket.state === 'closed') {
    body.push(text(t('agent:card.closedBy', { agentName: plain(ticket.agentName ?? '') }), { weight: 'Bolder' }));
  } else {
    body.push(text(t('agent:card.withdrawn'), { weight: 'Bolder', color: 'Attention' }));
  }
  return adaptiveCard(body, actions);
}

/** Canned replies, labelled in the agent's language (the buyer receives the same key in theirs). */
export function cannedChoice(c: CardContext): Element {
  return {
    type: 'Input.ChoiceSet',
    id: 'canned',
    label: c.t('agent:card.cannedLabel'),
    style: 'compact',
    value: cannedKey('greeting'),
    choices: CANNED_REPLIES.map((name) => ({ title: c.t(cannedKey(name)), value: cannedKey(name) })),
  };
}

/** `canned` command: the choice set plus Send, for an agent's ticket. */
export function cannedCard(ticketId: string, c: CardContext): Attachment {
  return adaptiveCard([cannedChoice(c)], [{ type: 'Action.Submit', title: c.t('agent:card.sendCanned'), data: { action: 'canned', ticketId } }]);
}

export function queueCard(tickets: QueuedTicket[], now: Date, c: CardContext): Attachment {
  const { t } = c;
  const lines = tickets.map((tk) => {
    const row = ticketRow(tk, now, c);
    return text(t('agent:queue.line', { order: plain(row.order), topic: row.topic, lang: row.language, state: plain(row.status), ticketId: tk.ticketId }));
  });
  return adaptiveCard([text(t('agent:queue.title'), { weight: 'Bolder', size: 'Medium' }), ...(lines.length ? lines : [text(t('agent:queue.empty'))])]);
}

/** `transcript <id>`: the buyer's language (when a ticket names it) heads the lines, since agents answer in it. */
export function transcriptCard(id: string, entries: TranscriptEntry[], c: CardContext, buyerLang?: Lang): Attachment {
  if (entries.length === 0) return adaptiveCard([text(c.t('agent:transcript.empty', { id }))]);
  return adaptiveCard([
    text(c.t('agent:transcript.title', { id }), { weight: 'Bolder', size: 'Medium' }),
    ...(buyerLang ? [facts([[c.t('agent:card.buyerLanguage'), c.t(`agent:languages.${buyerLang}`)]])] : []),
    ...transcriptLines(entries, c),
  ]);
}
