/**
 * Reads a buyer's typed address ("55 Elm Street, Apt 3, Springfield, IL 62704, USA" or
 * "上海市浦东新区世纪大道100号 12楼 邮编200120") into the order's Address shape. Pure and deliberately
 * modest: it finds the postal code and the city; when either is missing the dialog asks again
 * instead of guessing.
 */
import addressFormatter from '@fragaria/address-formatter';
import type { Address } from './order.js';

const POSTAL: Record<string, RegExp> = {
  US: /\b(\d{5})(?:-(\d{4}))?\b/,
  CN: /(?<!\d)(\d{6})(?!\d)/,
  DE: /(?<!\d)(\d{5})(?!\d)/,
  FR: /(?<!\d)(\d{5})(?!\d)/,
  UK: /\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b/i,
  GB: /\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b/i,
};
const ANY_POSTAL = /\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{5,6}(?:-\d{4})?)\b/i;
const COUNTRY_WORDS = /^(usa?|united states( of america)?|america|uk|united kingdom|great britain|germany|deutschland|france|china|中国|美国|英国|德国)$/i;
const HAN = /\p{Script=Han}/u;

/** Country names a buyer may type into a Chinese address; the order's country is known already. */
const HAN_COUNTRY = /(?:^|[，,、\s])(?:中国|中华人民共和国|China)(?=$|[，,、\s])/gi;

/** "上海市…12楼，，中国，" → "上海市…12楼": no country, no doubled or dangling separators. */
function tidyHan(text: string): string {
  return text
    .replace(HAN_COUNTRY, '，')
    .replace(/\s*[，,、]\s*(?=[，,、]|$)/g, '')
    .replace(/^[\s，,、]+/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * An address as its country writes it (street, city, region and postcode in that country's order
 * and punctuation), from OpenCage's address-formatting templates via @fragaria/address-formatter.
 * One line per element, joined with newlines; the country's name is added in the buyer's language
 * when asked for (it is usually the order's own country, so it is left out).
 */
export function formatAddress(a: Address, options: { lang?: 'en' | 'zh'; withCountry?: boolean } = {}): string {
  const road = [a.line1, a.line2].map((l) => l?.trim()).filter((l): l is string => Boolean(l)).join(', ');
  // A Chinese line 1 often starts with the city already ("上海市浦东新区…"): do not say it twice.
  const cityInLine = a.city !== '' && road.startsWith(a.city);
  const lines = addressFormatter.format(
    { road, ...(cityInLine ? {} : { city: a.city }), ...(a.region ? { state: a.region } : {}), postcode: a.postalCode, countryCode: a.countryCode.toUpperCase() },
    { output: 'array', appendCountry: false },
  );
  if (options.withCountry) {
    const name = new Intl.DisplayNames([options.lang === 'zh' ? 'zh-CN' : 'en'], { type: 'region' }).of(a.countryCode.toUpperCase());
    if (name) lines.push(name);
  }
  return lines.map((l) => l.replace(/\s*,(\s*,)+/g, ',').trim()).filter(Boolean).join('\n');
}

export type ParsedAddress = { ok: true; address: Address } | { ok: false; missing: ('postalCode' | 'city')[] };

export function parseAddressText(text: string, base: { name: string; countryCode: string }): ParsedAddress {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  const postalMatch = (POSTAL[base.countryCode] ?? ANY_POSTAL).exec(clean) ?? ANY_POSTAL.exec(clean);
  const postalCode = postalMatch?.[0].toUpperCase().trim();
  let city: string | undefined;
  let region: string | undefined;
  let line1 = clean;
  if (HAN.test(clean)) {
    city = /^(?:中国)?([\p{Script=Han}]{2,6}?[市州盟])/u.exec(clean)?.[1] ?? /^(?:中国)?([\p{Script=Han}]{2,4}?省)/u.exec(clean)?.[1];
    line1 = tidyHan(clean.replace(/\s*邮编[:：]?\s*\d{6}/, '').replace(postalCode ?? '\u0000', ''));
  } else {
    const parts = clean
      .split(/\s*[,;\n]\s*/)
      .map((p) => p.trim())
      .filter((p) => p && !COUNTRY_WORDS.test(p));
    const at = postalCode ? parts.findIndex((p) => p.toUpperCase().includes(postalCode)) : -1;
    if (at >= 0) {
      const rest = parts[at]?.toUpperCase().replace(postalCode ?? '', '').trim() ?? '';
      if (/^[A-Z]{2}$/.test(rest)) region = rest; // "IL 62704"
      const cityPart = rest && !region ? parts[at]?.replace(new RegExp(postalCode ?? '', 'i'), '').trim() : parts[at - 1];
      // A city name has no digits: "55 Elm Street 62704" names no city.
      city = cityPart && !/\d/.test(cityPart) ? cityPart : undefined;
      const cityIndex = cityPart === parts[at - 1] ? at - 1 : at;
      line1 = parts.slice(0, Math.max(1, cityIndex)).join(', ');
    }
  }
  const missing: ('postalCode' | 'city')[] = [];
  if (!postalCode) missing.push('postalCode');
  if (!city) missing.push('city');
  if (missing.length > 0 || !postalCode || !city) return { ok: false, missing };
  return {
    ok: true,
    address: { name: base.name, line1: line1 || clean, city, ...(region ? { region } : {}), postalCode, countryCode: base.countryCode },
  };
}
