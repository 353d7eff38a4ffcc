/**
 * What a dialog machine says: a reply key plus values, never text. The bot renders it per turn in
 * the buyer's language. Money and dates stay typed so the renderer can format them for the locale.
 */
import type { Money } from '../src/domain/money.js';

export type { CardSpec, DateValue, KeyValue, Reply, ReplyValue, Suggestion } from '../src/domain/reply.js';
import type { DateValue, KeyValue, Reply } from '../src/domain/reply.js';

/** The event every dialog machine emits to speak. */
export interface ReplyEmitted {
  type: 'reply';
  reply: Reply;
}

export const dateValue = (iso: string, style: DateValue['style'] = 'date'): DateValue => ({ iso, style });

export function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && 'amount' in v && 'currency' in v;
}

export function isKeyValue(v: unknown): v is KeyValue {
  return typeof v === 'object' && v !== null && 't' in v && typeof v.t === 'string';
}

export function isDateValue(v: unknown): v is DateValue {
  return typeof v === 'object' && v !== null && 'iso' in v && 'style' in v;
}
