/**
 * Round 6's honest check inside noisy4 (docs/nlu.md): a fixed-seed random third of noisy4's messages per language
 * (7 of the 20 of each label, 50 of the 150 out-of-scope ones) is set aside before any change and never read;
 * the rest (`noisy4-dev`) is tuned on with noisy3 and the older sets. Prints figures per set for every labelled
 * and out-of-scope set (the third's only with `--check`); `--errors` lists misses and false triggers of every set but the set-aside third.
 * `npm run bench:nlu` stays the full report; this one is the quick loop (one model, one pass).
 */
import { pathToFileURL } from 'node:url';
import { createNlu, loadHeldOut, loadIndependent, loadNoisy, loadOutOfScope, type LabelledUtterance, type NluEngine, type OutOfScopeSet } from '../src/nlu/index.js';
import { AFTER_SALES_INTENTS, INTENTS } from '../src/nlu/types.js';
import { LANGS, type Lang } from '../src/domain/lang.js';
import { mulberry32 } from '../scripts/seeded-random.js';

/** The seed of round 6's split (mulberry32). Changing it exposes the set-aside third. */
const SEED = 20261208;


/** A seeded shuffle's first `k` positions: the indices set aside. */
function setAside(n: number, k: number, rand: () => number): Set<number> {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return new Set(idx.slice(0, k));
}

/** noisy4 split into the part tuned on and the third set aside (stratified by label), per language. */
export function splitNoisy4(lang: Lang): { dev: LabelledUtterance[]; check: LabelledUtterance[]; oosDev: string[]; oosCheck: string[] } {
  const rand = mulberry32(SEED + (lang === 'en' ? 0 : 1));
  const items = loadNoisy(lang, 'noisy4');
  const dev: LabelledUtterance[] = [];
  const check: LabelledUtterance[] = [];
  for (const intent of INTENTS) {
    const ofIntent = items.filter((u) => u.intent === intent);
    const aside = setAside(ofIntent.length, Math.round(ofIntent.length / 3), rand);
    ofIntent.forEach((u, i) => (aside.has(i) ? check : dev).push(u));
  }
  const oos = loadOutOfScope(lang, undefined, 'noisy4-oos');
  const asideOos = setAside(oos.length, Math.round(oos.length / 3), rand);
  return { dev, check, oosDev: oos.filter((_, i) => !asideOos.has(i)), oosCheck: oos.filter((_, i) => asideOos.has(i)) };
}

const showErrors = process.argv.includes('--errors');
/** The set-aside third's figures print only with `--check` (at the start and the end of the round, not while tuning). */
const showCheck = process.argv.includes('--check');

function labelled(nlu: NluEngine, lang: Lang, name: string, items: readonly LabelledUtterance[], hidden = false): string {
  let right = 0;
  for (const u of items) {
    const r = nlu.understandSync(u.text, lang);
    if (r.intent === u.intent) right += 1;
    else if (showErrors && !hidden) console.log(`  miss ${name} ${lang} [${u.intent} -> ${r.intent} ${r.score}] ${u.text}`);
  }
  return `${name} ${right}/${items.length} (${((right / items.length) * 100).toFixed(1)}%)`;
}

function outOfScope(nlu: NluEngine, lang: Lang, name: string, texts: readonly string[], hidden = false): string {
  let triggers = 0;
  for (const text of texts) {
    const r = nlu.understandSync(text, lang);
    if (!AFTER_SALES_INTENTS.includes(r.intent)) continue;
    triggers += 1;
    if (showErrors && !hidden) console.log(`  trigger ${name} ${lang} [→ ${r.intent} ${r.score}] ${text}`);
  }
  return `${name} ${triggers}/${texts.length} (${((triggers / texts.length) * 100).toFixed(1)}%)`;
}

async function main(): Promise<void> {
  const nlu = await createNlu({ now: () => new Date('2025-03-12T10:00:00Z') });
  for (const lang of LANGS) {
    const s = splitNoisy4(lang);
    const lines = [
      labelled(nlu, lang, 'heldout', loadHeldOut(lang)),
      labelled(nlu, lang, 'fresh', loadHeldOut(lang, undefined, 'heldout-fresh')),
      ...(['independent', 'independent2', 'independent3'] as const).map((set) => labelled(nlu, lang, set, loadIndependent(lang, undefined, set))),
      ...(['independent4', 'independent5'] as const).map((set) => labelled(nlu, lang, set, loadIndependent(lang, undefined, set), true)),
      ...(['noisy', 'noisy2', 'noisy3', 'noisy-dev-typos', 'noisy-dev-casual'] as const).map((set) => labelled(nlu, lang, set, loadNoisy(lang, set))),
      labelled(nlu, lang, 'noisy4-dev', s.dev),
      ...(showCheck ? [labelled(nlu, lang, 'noisy4-CHECK', s.check, true)] : []),
    ];
    const oos = [
      ...(['out-of-scope', 'noisy-oos', 'noisy2-oos', 'noisy3-oos', 'noisy-dev-oos', 'noisy-dev-oos3', 'noisy-dev-oos4', 'oos5-check'] as const satisfies readonly OutOfScopeSet[]).map((set) =>
        outOfScope(nlu, lang, set, loadOutOfScope(lang, undefined, set)),
      ),
      outOfScope(nlu, lang, 'noisy4-oos-dev', s.oosDev),
      ...(showCheck ? [outOfScope(nlu, lang, 'noisy4-oos-CHECK', s.oosCheck, true)] : []),
    ];
    console.log(`${lang} intent: ${lines.join('; ')}`);
    console.log(`${lang} oos → after-sales: ${oos.join('; ')}`);
  }
}

// Run only as a script (other scripts import splitNoisy4).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
