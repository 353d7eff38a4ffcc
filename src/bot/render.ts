/**
 * Reply keys → Bot Framework activities in the buyer's language. The only place dialog output turns
 * into words. Values are formatted for the locale (money, dates) and buyer-provided strings are made
 * inert for markdown so nothing a buyer typed can become a link or markup in a reply.
 */
import type { Activity, CardAction } from 'botbuilder';
import { ActionTypes, ActivityTypes } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { Lang } from '../domain/lang.js';
import { LOCALE_OF } from '../domain/lang.js';
import { isDateValue, isKeyValue, isMoney, type Reply, type ReplyValue } from '../../dialogs/reply.js';
import { formatAddress } from '../domain/address-text.js';
import { carrierName } from '../domain/carriers.js';
import { isAddressValue, isCarrierValue, isLocalizedValue } from '../domain/reply.js';
import { buildCard } from './cards.js';

/** Most distinct value-free sentences remembered (both languages). */
const PLAIN_CACHE_MAX = 10_000;

const MARKDOWN_ACTIVE = /[\\`*_[\]()<>#|~]/g;

/** Escape characters that markdown renderers would act on. */
export function inertMarkdown(text: string): string {
  return text.replace(MARKDOWN_ACTIVE, (c) => `\\${c}`);
}

/** Intl formatters are costly to build and immutable: one per locale + options, for the process. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** A currency's formatter with its minor-unit digits (resolvedOptions() builds a new object per call). */
const moneyFormatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();
function numberFormat(locale: string, currency: string): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale}|${currency}`;
  let f = moneyFormatters.get(key);
  if (!f) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    f = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    moneyFormatters.set(key, f);
  }
  return f;
}
function dateFormat(locale: string, style: 'date' | 'datetime', timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone });
    dateFormatters.set(key, f);
  }
  return f;
}

export function formatValue(value: ReplyValue, lang: Lang, key: string, timeZone: string, t?: TFunction): string | number {
  const locale = LOCALE_OF[lang];
  if (isKeyValue(value)) return t ? String(t(value.t)) : value.t;
  if (isMoney(value)) {
    const { format, digits } = numberFormat(locale, value.currency);
    return format.format(value.amount / 10 ** digits);
  }
  if (isDateValue(value)) return dateFormat(locale, value.style, timeZone).format(new Date(value.iso));
  if (typeof value === 'number') return value;
  // Source data (titles, places, carriers, addresses) is not the buyer's writing but stays inert all the same.
  if (isLocalizedValue(value)) return inertMarkdown(value.byLang?.[lang] ?? value.text);
  if (isCarrierValue(value)) return inertMarkdown(carrierName(value.carrier, lang));
  if (isAddressValue(value)) return inertMarkdown(formatAddress(value.address, { lang }));
  return /url$/i.test(key) ? value : inertMarkdown(value);
}


export interface RenderedReply {
  key: string;
  text: string;
  activity: Partial<Activity>;
}

export interface Renderer {
  render(replies: Reply[], lang: Lang): RenderedReply[];
  t(lang: Lang): TFunction;
}

export function createRenderer(i18n: i18n, opts: { timeZone?: string } = {}): Renderer {
  const timeZone = opts.timeZone ?? 'UTC';
  const fixed = new Map<Lang, TFunction>();
  const t = (lang: Lang): TFunction => {
    let fn = fixed.get(lang);
    if (!fn) {
      fn = i18n.getFixedT(lang);
      fixed.set(lang, fn);
    }
    return fn;
  };
  const values = (v: Record<string, ReplyValue> | undefined, lang: Lang): Record<string, string | number> => {
    const out: Record<string, string | number> = {};
    for (const [k, val] of Object.entries(v ?? {})) out[k] = formatValue(val, lang, k, timeZone, t(lang));
    return out;
  };
  // A sentence without values is the same every time (the resources do not change after start-up):
  // choice titles, card labels and most prompts are looked up once per language, not on every turn.
  const plain = new Map<string, string>();
  const sentence = (lang: Lang, key: string, v?: Record<string, unknown>): string => {
    if (v !== undefined && Object.keys(v).length > 0) return String(t(lang)(key, v));
    const id = `${lang}:${key}`;
    let text = plain.get(id);
    if (text === undefined) {
      text = String(t(lang)(key));
      // Keys come from the dialogs and the seller's FAQ, a bounded set; the cap only guards a mistake.
      if (plain.size < PLAIN_CACHE_MAX) plain.set(id, text);
    }
    return text;
  };
  const replyText = (lang: Lang, key: string, v: Record<string, ReplyValue> | undefined): string => sentence(lang, key, v && values(v, lang));
  return {
    t,
    render(replies, lang) {
      return replies.map((reply) => {
        const text = replyText(lang, reply.key, reply.values);
        const actions: CardAction[] = (reply.suggestions ?? []).map((s) => {
          const title = replyText(lang, s.key, s.values);
          return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { choice: s.choice } };
        });
        // The reply key travels with the message so tests, agents and analytics see what was meant.
        const activity: Partial<Activity> = { type: ActivityTypes.Message, text, locale: LOCALE_OF[lang], channelData: { replyKey: reply.key } };
        if (actions.length > 0) activity.suggestedActions = { actions, to: [] };
        if (reply.card) {
          activity.attachments = [
            buildCard(reply.card, {
              t: (key, v) => sentence(lang, key, v),
              date: (iso, withTime) => String(formatValue({ iso, style: withTime ? 'datetime' : 'date' }, lang, 'date', timeZone)),
              money: (m) => String(formatValue(m, lang, 'amount', timeZone)),
              inert: inertMarkdown,
              lang,
            }),
          ];
        }
        return { key: reply.key, text, activity };
      });
    },
  };
}
