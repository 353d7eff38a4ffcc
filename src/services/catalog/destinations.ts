/**
 * Countries named in a question. The seller's shipping table names the countries it serves (and
 * their aliases); every other country is recognised through Intl.DisplayNames, so "do you ship to
 * Brazil?" is known to be about a country the seller does not serve, not an unknown word.
 */
import type { Lang } from '../../domain/lang.js';
import type { Currency } from './catalog.js';
import type { Destination } from './knowledge-base.js';
import { normalise } from './text.js';

const A = 'A'.charCodeAt(0);
const ALL_CODES: string[] = [];
for (let i = 0; i < 26; i += 1) for (let j = 0; j < 26; j += 1) ALL_CODES.push(String.fromCharCode(A + i, A + j));

/** name → code for every region Intl knows in both languages (built once). */
const WORLD: [string, string][] = (() => {
  const out: [string, string][] = [];
  for (const locale of ['en', 'zh']) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of ALL_CODES) {
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code && !/^(?:unknown|未知)/i.test(name)) out.push([normalise(name), code]);
    }
  }
  return out;
})();

const EU = new Set(['IE', 'DE', 'AT', 'FR', 'IT', 'ES', 'NL', 'BE', 'PT', 'FI', 'GR', 'LU']);

/** The currency a country's marketplace prices in (for "how much is it in Germany?"). */
export function currencyOfCountry(code: string): Currency | undefined {
  if (code === 'US') return 'USD';
  if (code === 'GB') return 'GBP';
  if (code === 'CN') return 'CNY';
  return EU.has(code) ? 'EUR' : undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordRe = (name: string) => (/^[a-z0-9]/.test(name) ? new RegExp(`(?:^|[^a-z0-9])${escape(name)}(?![a-z0-9])`) : new RegExp(escape(name)));

export interface CountryMention {
  code: string;
  /** The seller's row for it, when they ship there. */
  destination?: Destination;
  span: string;
}

export class CountryFinder {
  private readonly table: { re: RegExp; name: string; code: string; destination?: Destination }[] = [];

  constructor(destinations: readonly Destination[], lang: Lang) {
    const byCode = new Map(destinations.map((d) => [d.code, d]));
    const add = (name: string, code: string) => {
      const n = normalise(name).trim();
      if (n.length < 2) return;
      const destination = byCode.get(code);
      this.table.push({ re: wordRe(n), name: n, code, ...(destination ? { destination } : {}) });
    };
    for (const d of destinations) {
      add(d.country, d.code);
      add(d.country.replace(/\s*[(（].*$/, ''), d.code);
      for (const a of d.aliases) add(a, d.code);
    }
    for (const [name, code] of WORLD) add(name, code);
    // Short forms Intl does not give ("uk", "usa" are aliases in the seller's table; these are common everywhere).
    if (lang === 'zh') for (const [n, c] of [['美國', 'US'], ['港', 'HK']] as const) add(n, c);
    // Longest names first: "united states" before "states", 中国香港 before 中国.
    this.table.sort((a, b) => b.name.length - a.name.length);
  }

  /** The first (longest-named) country in the question. */
  find(normalised: string): CountryMention | undefined {
    for (const row of this.table) {
      // A plain substring test first: hundreds of names, few in any question.
      if (!normalised.includes(row.name)) continue;
      const m = row.re.exec(normalised);
      if (m) return { code: row.code, span: m[0], ...(row.destination ? { destination: row.destination } : {}) };
    }
    return undefined;
  }
}
