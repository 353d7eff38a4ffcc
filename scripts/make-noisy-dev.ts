/**
 * Writes data/nlu/noisy-dev-typos.{en,zh}.json: the labelled dev sets (held-out, independent2,
 * independent3) with buyer-style noise added by a seeded generator, so robustness to typos can be
 * measured while working without touching the blind noisy set. English: keyboard-neighbour
 * substitutions, dropped, swapped and doubled letters, lower case, no apostrophes, chat shorthand.
 * Chinese: pinyin-IME homophone slips from a small table, dropped characters, casual particles and
 * shorthand (咋, 啥), punctuation dropped. Deterministic: same input, same output.
 *
 * Run: `npx tsx scripts/make-noisy-dev.ts`
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR, loadHeldOut, loadIndependent, type LabelledUtterance } from '../src/nlu/index.js';
import { LANGS, type Lang } from '../src/domain/lang.js';
import { INTENTS } from '../src/nlu/types.js';
import { mulberry32 } from './seeded-random.js';


const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, string>();
for (const [r, row] of ROWS.entries()) {
  for (const [c, ch] of [...row].entries()) {
    const near = [row[c - 1], row[c + 1], ROWS[r - 1]?.[c], ROWS[r - 1]?.[c + 1], ROWS[r + 1]?.[c], ROWS[r + 1]?.[c - 1]];
    NEIGHBOURS.set(ch, near.filter((x): x is string => x !== undefined).join(''));
  }
}

const EN_SHORTHAND: ReadonlyArray<readonly [RegExp, string]> = [
  [/\byou\b/g, 'u'],
  [/\bplease\b/g, 'pls'],
  [/\bare\b/g, 'r'],
  [/\bthanks\b/g, 'thx'],
  [/\bbecause\b/g, 'cuz'],
  [/\bwant to\b/g, 'wanna'],
  [/\bgoing to\b/g, 'gonna'],
];

function typoWord(word: string, r: () => number): string {
  const i = Math.floor(r() * word.length);
  const op = r();
  const ch = word[i] ?? '';
  if (op < 0.35) {
    const near = NEIGHBOURS.get(ch);
    if (!near) return word;
    return word.slice(0, i) + near[Math.floor(r() * near.length)] + word.slice(i + 1);
  }
  if (op < 0.65) return word.slice(0, i) + word.slice(i + 1);
  if (op < 0.85 && i < word.length - 1) return word.slice(0, i) + word[i + 1] + ch + word.slice(i + 2);
  return word.slice(0, i) + ch + word.slice(i);
}

function noisyEnglish(text: string, r: () => number): string {
  let t = r() < 0.7 ? text.toLowerCase() : text;
  if (r() < 0.6) t = t.replace(/'/g, '');
  if (r() < 0.4) for (const [re, rep] of EN_SHORTHAND) t = t.replace(re, rep);
  if (r() < 0.3) t = t.replace(/[.,!]/g, '');
  // Letters-only words of 3+ characters get a typo; digits (order numbers) and emails are left alone.
  return t.replace(/(?<![\w@.-])[A-Za-z]{3,}(?![\w@-])/g, (w) => (r() < 0.22 ? typoWord(w, r) : w));
}

/** Pinyin-IME slips: a character typed as another with the same or a near reading. */
const ZH_HOMOPHONES: Record<string, string> = {
  的: '得', 在: '再', 再: '在', 到: '道', 货: '或', 退: '推', 订: '定', 单: '但', 寄: '记', 址: '至',
  快: '块', 递: '第', 么: '末', 吗: '嘛', 没: '每', 收: '手', 换: '还', 坏: '怀', 客: '可', 服: '福',
  谢: '写', 取: '去', 消: '小', 发: '法', 改: '该', 地: '的', 钱: '前', 款: '宽', 问: '文', 题: '提',
};
const ZH_CASUAL: ReadonlyArray<readonly [RegExp, string]> = [
  [/什么/g, '啥'],
  [/怎么/g, '咋'],
  [/没有/g, '木有'],
  [/一下/g, '下'],
  [/谢谢/g, '谢啦'],
  [/你好/g, '哈喽'],
];
const ZH_PARTICLES = ['啊', '呀', '哈', '呢', '啦', '哎', '额'];

function noisyChinese(text: string, r: () => number): string {
  let t = text;
  if (r() < 0.5) for (const [re, rep] of ZH_CASUAL) if (r() < 0.6) t = t.replace(re, rep);
  const chars = [...t];
  const out: string[] = [];
  for (const ch of chars) {
    const x = r();
    if (/\p{Script=Han}/u.test(ch) && x < 0.06 && chars.length > 4) continue;
    const homophone = ZH_HOMOPHONES[ch];
    out.push(homophone && x < 0.2 ? homophone : ch);
  }
  t = out.join('');
  if (r() < 0.5) t = t.replace(/[，。！？,.!?]/g, r() < 0.5 ? ' ' : '');
  if (r() < 0.4) t += ZH_PARTICLES[Math.floor(r() * ZH_PARTICLES.length)] ?? '';
  return t.trim();
}

function noisy(items: LabelledUtterance[], lang: Lang, seed: number): Record<string, string[]> {
  const r = mulberry32(seed);
  const out: Record<string, string[]> = Object.fromEntries(INTENTS.map((i) => [i, []]));
  for (const item of items) {
    const text = lang === 'en' ? noisyEnglish(item.text, r) : noisyChinese(item.text, r);
    out[item.intent]?.push(text);
  }
  return out;
}

for (const [n, lang] of LANGS.entries()) {
  const items = [...loadHeldOut(lang), ...loadIndependent(lang, undefined, 'independent2'), ...loadIndependent(lang, undefined, 'independent3')];
  const file = path.join(DEFAULT_DATA_DIR, 'nlu', `noisy-dev-typos.${lang}.json`);
  writeFileSync(file, `${JSON.stringify(noisy(items, lang, 15 + n), null, 2)}\n`);
  console.log(`${file}: ${items.length} sentences`);
}
