/**
 * Countries named in a question. The seller's shipping table names the countries it serves (and
 * their aliases); every other country is recognised through Intl.DisplayNames, so "do you ship to
 * Brazil?" is known to be about a country the seller does not serve, not an unknown word.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../../domain/lang.js';
import type { Currency } from './catalog.js';
import type { Destination } from './knowledge-base.js';
import { normalise } from './text.js';
import escapeStringRegexp from 'escape-string-regexp';

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

/**
 * An English text names where a thing comes from: a city ("porcelain from Jingdezhen"), common words
 * aside, or a country it is made in or comes from (not one it works in: "not for 110 V (US, Japan)").
 */
export function namesOrigin(text: string): boolean {
  const t = normalise(text);
  for (const m of t.matchAll(/\b(?:made in|from|produced in|manufactured in)\s+(?:the\s+)?([a-z]+(?:\s[a-z]+){0,2})/g)) {
    const words = (m[1] ?? '').split(' ');
    if (words.some((_, k) => COUNTRY_NAMES.has(words.slice(0, k + 1).join(' ')))) return true;
  }
  const words = t.match(/[a-z]+/g) ?? [];
  for (let i = 0; i < words.length; i += 1) {
    for (let k = 1; k <= 3 && i + k <= words.length; k += 1) {
      const name = words.slice(i, i + k).join(' ');
      if (!CITY_WORDS.has(name) && CITIES[name] !== undefined) return true;
    }
  }
  return false;
}

/** A member of the EU (what a shop entry about "the EU" / 欧盟 covers). */
export const inEu = (code: string): boolean => EU.has(code);

/** The currency a country's marketplace prices in (for "how much is it in Germany?"). */
export function currencyOfCountry(code: string): Currency | undefined {
  if (code === 'US') return 'USD';
  if (code === 'GB') return 'GBP';
  if (code === 'CN') return 'CNY';
  return EU.has(code) ? 'EUR' : undefined;
}

const wordRe = (name: string) => (/^[a-z0-9]/.test(name) ? new RegExp(`(?:^|[^a-z0-9])${escapeStringRegexp(name)}(?![a-z0-9])`) : new RegExp(escapeStringRegexp(name)));

/** The words of every city and country name (English), so spelling correction leaves them alone. */
export function placeNameWords(): string[] {
  return [...Object.keys(CITIES), ...WORLD.map(([n]) => n)].flatMap((n) => n.match(/[a-z]+/g) ?? []);
}

export interface CountryMention {
  code: string;
  /** The seller's row for it, when they ship there. */
  destination?: Destination;
  span: string;
}

/** City → country (GeoNames, CC BY 4.0; built by scripts/build-city-table.ts). */
const CITIES: Record<string, string> = (() => {
  const raw: unknown = JSON.parse(readFileSync(new URL('./world-cities.json', import.meta.url), 'utf8'));
  const cities = typeof raw === 'object' && raw !== null && 'cities' in raw ? raw.cities : undefined;
  return typeof cities === 'object' && cities !== null ? Object.fromEntries(Object.entries(cities).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
})();
/** City names that are also everyday English words: never read as a city ("in nice condition"). */
const COUNTRY_NAMES = new Set(WORLD.map(([n]) => n).filter((n) => /^[a-z]/.test(n)));
const CITY_WORDS = new Set(['nice', 'mobile', 'sale', 'split', 'orange', 'reading', 'bath', 'deal', 'hope', 'wells', 'temple', 'surprise', 'independence', 'concord', 'gap', 'mission', 'enterprise', 'national', 'university', 'mesa', 'york', 'bay', 'city', 'pearl', 'plant', 'marathon', 'page', 'best', 'young', 'price', 'black', 'white', 'green', 'grey', 'brown', 'kettle', 'grand', 'buy', 'cost', 'warranty', 'case', 'cable', 'lamp', 'pan', 'iron']);
/** Chinese names of large cities (common exonyms), as Chinese buyers write them. */
const ZH_CITIES: Record<string, string> = {
  北京: 'CN', 上海: 'CN', 广州: 'CN', 深圳: 'CN', 杭州: 'CN', 成都: 'CN', 重庆: 'CN', 天津: 'CN', 武汉: 'CN', 南京: 'CN', 西安: 'CN', 苏州: 'CN', 长沙: 'CN', 郑州: 'CN',
  青岛: 'CN', 沈阳: 'CN', 大连: 'CN', 厦门: 'CN', 宁波: 'CN', 合肥: 'CN', 福州: 'CN', 济南: 'CN', 昆明: 'CN', 哈尔滨: 'CN', 东莞: 'CN', 佛山: 'CN', 无锡: 'CN', 南宁: 'CN',
  东京: 'JP', 大阪: 'JP', 京都: 'JP', 横滨: 'JP', 名古屋: 'JP', 纽约: 'US', 洛杉矶: 'US', 旧金山: 'US', 芝加哥: 'US', 西雅图: 'US', 波士顿: 'US', 休斯顿: 'US',
  伦敦: 'GB', 曼彻斯特: 'GB', 爱丁堡: 'GB', 巴黎: 'FR', 里昂: 'FR', 柏林: 'DE', 慕尼黑: 'DE', 法兰克福: 'DE', 汉堡: 'DE', 维也纳: 'AT', 罗马: 'IT', 米兰: 'IT',
  马德里: 'ES', 巴塞罗那: 'ES', 阿姆斯特丹: 'NL', 布鲁塞尔: 'BE', 都柏林: 'IE', 多伦多: 'CA', 温哥华: 'CA', 蒙特利尔: 'CA', 悉尼: 'AU', 墨尔本: 'AU', 布里斯班: 'AU',
  墨西哥城: 'MX', 首尔: 'KR', 莫斯科: 'RU', 圣保罗: 'BR', 迪拜: 'AE', 曼谷: 'TH',
  贝尔法斯特: 'GB', 利物浦: 'GB', 伯明翰: 'GB', 格拉斯哥: 'GB', 卡迪夫: 'GB', 牛津: 'GB', 剑桥: 'GB', 科隆: 'DE', 斯图加特: 'DE', 杜塞尔多夫: 'DE', 马赛: 'FR',
  威尼斯: 'IT', 佛罗伦萨: 'IT', 那不勒斯: 'IT', 都灵: 'IT', 塞维利亚: 'ES', 瓦伦西亚: 'ES', 鹿特丹: 'NL', 海牙: 'NL', 安特卫普: 'BE', 萨尔茨堡: 'AT',
  渥太华: 'CA', 卡尔加里: 'CA', 珀斯: 'AU', 阿德莱德: 'AU', 札幌: 'JP', 福冈: 'JP', 神户: 'JP', 瓜达拉哈拉: 'MX', 蒙特雷: 'MX', 坎昆: 'MX',
  华盛顿: 'US', 迈阿密: 'US', 拉斯维加斯: 'US', 费城: 'US', 达拉斯: 'US', 亚特兰大: 'US', 丹佛: 'US', 檀香山: 'US', 夏威夷: 'US', 九龙: 'HK', 新界: 'HK', 台北: 'TW',
};
/** Parts of a country that buyers name instead of it (北爱尔兰 is the UK's, never Ireland's). */
const REGIONS: Record<Lang, [string, string][]> = {
  en: [['england', 'GB'], ['scotland', 'GB'], ['wales', 'GB'], ['northern ireland', 'GB'], ['great britain', 'GB'], ['britain', 'GB'], ['hawaii', 'US'], ['alaska', 'US'], ['california', 'US'], ['texas', 'US'], ['florida', 'US'], ['bavaria', 'DE'], ['sicily', 'IT'], ['sardinia', 'IT'], ['corsica', 'FR'], ['tasmania', 'AU'], ['okinawa', 'JP'], ['quebec', 'CA'], ['ontario', 'CA']],
  zh: [['英格兰', 'GB'], ['苏格兰', 'GB'], ['威尔士', 'GB'], ['北爱尔兰', 'GB'], ['大不列颠', 'GB'], ['加州', 'US'], ['德州', 'US'], ['佛罗里达', 'US'], ['阿拉斯加', 'US'], ['巴伐利亚', 'DE'], ['西西里', 'IT'], ['科西嘉', 'FR'], ['塔斯马尼亚', 'AU'], ['冲绳', 'JP'], ['魁北克', 'CA'], ['安大略', 'CA']],
};
const ZH_CITY_NAMES = Object.keys(ZH_CITIES).sort((a, b) => b.length - a.length);
/** An English place after a preposition ("ship to toronto", "I'm in munich"): up to three words (looked ahead, so "to ship to barcelona" finds both). */
const EN_PLACE = /(?:^|[^a-z])(?:to|in|into|from|near|at)\s+(?=([a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2}))/g;

export class CountryFinder {
  private readonly table: { re: RegExp; name: string; code: string; destination?: Destination }[] = [];
  private readonly byCode = new Map<string, Destination>();

  constructor(destinations: readonly Destination[], private readonly lang: Lang) {
    const byCode = this.byCode;
    for (const d of destinations) byCode.set(d.code, d);
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
    for (const [n, c] of REGIONS[lang]) add(n, c);
    // Longest names first: "united states" before "states", 中国香港 before 中国.
    this.table.sort((a, b) => b.name.length - a.name.length);
  }

  /** The first (longest-named) country in the question; else the country of a city named ("to toronto", 寄到上海). */
  find(normalised: string): CountryMention | undefined {
    for (const row of this.table) {
      // A plain substring test first: hundreds of names, few in any question.
      if (!normalised.includes(row.name)) continue;
      const m = row.re.exec(normalised);
      if (m) return { code: row.code, span: m[0], ...(row.destination ? { destination: row.destination } : {}) };
    }
    return this.city(normalised);
  }

  /**
   * Every place the question names in country `code` ("guadalajara" beside "mexico"): words a
   * shipping answer for that country accounts for.
   */
  placesIn(normalised: string, code: string): string[] {
    const out = this.table.filter((row) => row.code === code && normalised.includes(row.name) && row.re.test(normalised)).map((row) => row.name);
    if (this.lang === 'zh') out.push(...ZH_CITY_NAMES.filter((n) => ZH_CITIES[n] === code && normalised.includes(n)));
    else {
      for (const m of normalised.matchAll(/[a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2}/g)) {
        const words = (m[0] ?? '').split(/\s+/);
        for (let i = 0; i < words.length; i += 1) {
          for (let k = Math.min(3, words.length - i); k >= 1; k -= 1) {
            const name = words.slice(i, i + k).join(' ').replace(/\.$/, '');
            if (CITIES[name] === code && !CITY_WORDS.has(name)) out.push(name);
          }
        }
      }
    }
    return out;
  }

  private city(normalised: string): CountryMention | undefined {
    const hit = (name: string, code: string): CountryMention => {
      const destination = this.byCode.get(code);
      return { code, span: name, ...(destination ? { destination } : {}) };
    };
    if (this.lang === 'zh') {
      const zh = /\p{Script=Han}/u.test(normalised) ? ZH_CITY_NAMES.find((n) => normalised.includes(n)) : undefined;
      return zh ? hit(zh, ZH_CITIES[zh] ?? '') : undefined;
    }
    for (const m of normalised.matchAll(EN_PLACE)) {
      const words = (m[1] ?? '').split(/\s+/);
      for (let k = Math.min(3, words.length); k >= 1; k -= 1) {
        // ("I'm in Melbourne. How much …": the sentence's full stop is no part of the name.)
        const name = words.slice(0, k).join(' ').replace(/\.$/, '');
        const code = CITIES[name];
        if (code && !CITY_WORDS.has(name)) return hit(name, code);
      }
    }
    return undefined;
  }
}
