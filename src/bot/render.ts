/**
 * Reply keys → Bot Framework activities in the buyer's language. The only place dialog output turns
 * into words. Values are formatted for the locale (money, dates) and buyer-provided strings are made
 * inert for markdown so nothing a buyer typed can become a link or markup in a reply.
 */
import type { Activity, CardAction } from 'botbuilder';
import { ActionTypes, ActivityTypes } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { Lang } from '../nlu/types.js';
import { LOCALE_OF } from '../i18n/index.js';
import { isDateValue, isKeyValue, isMoney, type Reply, type ReplyValue } from '../../dialogs/reply.js';
import { buildCard } from './cards.js';

const MARKDOWN_ACTIVE = /[\\`*_[\]()<>#|~]/g;

/** Escape characters that markdown renderers would act on. */
export function inertMarkdown(text: string): string {
  return text.replace(MARKDOWN_ACTIVE, (c) => `\\${c}`);
}

/** Intl formatters are costly to build and immutable: one per locale + options, for the process. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `n|${locale}|${currency}`;
  let f = formatters.get(key);
  if (!(f instanceof Intl.NumberFormat)) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f;
}
function dateFormat(locale: string, style: 'date' | 'datetime', timeZone: string): Intl.DateTimeFormat {
  const key = `d|${locale}|${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!(f instanceof Intl.DateTimeFormat)) {
    f = new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatValue(value: ReplyValue, lang: Lang, key: string, timeZone: string, t?: TFunction): string | number {
  const locale = LOCALE_OF[lang];
  if (isKeyValue(value)) return t ? String(t(value.t)) : value.t;
  if (isMoney(value)) {
    const f = numberFormat(locale, value.currency);
    return f.format(value.amount / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
  }
  if (isDateValue(value)) return dateFormat(locale, value.style, timeZone).format(new Date(value.iso));
  if (typeof value === 'number') return value;
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
  return {
    t,
    render(replies, lang) {
      const tl = t(lang);
      return replies.map((reply) => {
        const text = String(tl(reply.key, values(reply.values, lang)));
        const actions: CardAction[] = (reply.suggestions ?? []).map((s) => {
          const title = String(tl(s.key, values(s.values, lang)));
          return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { choice: s.choice } };
        });
        // The reply key travels with the message so tests, agents and analytics see what was meant.
        const activity: Partial<Activity> = { type: ActivityTypes.Message, text, locale: LOCALE_OF[lang], channelData: { replyKey: reply.key } };
        if (actions.length > 0) activity.suggestedActions = { actions, to: [] };
        if (reply.card) {
          activity.attachments = [
            buildCard(reply.card, {
              t: tl,
              date: (iso, withTime) => String(formatValue({ iso, style: withTime ? 'datetime' : 'date' }, lang, 'date', timeZone)),
              money: (m) => String(formatValue(m, lang, 'amount', timeZone)),
              inert: inertMarkdown,
            }),
          ];
        }
        return { key: reply.key, text, activity };
      });
    },
  };
}
