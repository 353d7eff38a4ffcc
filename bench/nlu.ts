/**
 * NLU benchmark on the held-out sets (never trained on): intent accuracy per language and intent,
 * out-of-scope false-trigger rate, entity extraction on annotated sentences, latency, ready time, RSS.
 * Two held-out sets are scored: `heldout` (the main one) and `heldout-fresh` (written later, after
 * the corpus had been improved, and never used for tuning: the unbiased figure).
 * A third, `independent`, was written by a buyer-side author who never saw the corpus or the model;
 * it also reports how many of its `none` sentences start an after-sales flow, and the 10 worst misses.
 * Some of its sentences (mostly stock phrases like "hi", "谢谢") coincide with training sentences (same
 * `overlapKey`: case, punctuation and spaces ignored), so it is also scored without them ("unseen").
 * A fourth, `independent2`, was written the same way later (2026-12-01) after the corpus had been
 * tuned on the misses of the others; only its figures are printed (its misses with `--errors`).
 * Human-readable lines first; the last line is a JSON summary. `--errors` lists every miss.
 * A fifth, `independent3`, was first scored unseen; since round 2 (docs/nlu.md) it is a dev set too, and its
 * misses print with `--errors`. A sixth, `independent4`, written blind during round 2, is the unseen
 * check now, with `independent5` (written blind during round 3): their misses print only with
 * `--errors-unseen` (never with `--errors`).
 * The noisy sets (typos, casual and indirect phrasing): `noisy` + `noisy-oos` were written blind and held
 * out until the end of round 2; since round 3 they are dev sets (then the blind pair noisy2, a dev set since round 4;
 * noisy3, blind in round 4, a dev set since round 5; noisy4, blind in round 5, two thirds read in round 6; noisy5, blind in
 * round 6, a dev set since round 7; noisy6, blind in round 7, a dev set since round 8; noisy7, blind in round 8, a dev set since round 9; noisy8, written blind at the start of round 9 and scored once at its end, is the current honest figure) and their misses print with `--errors`, like those of `noisy-dev-typos` and `noisy-dev-casual`.
 * Out-of-scope dev sets `noisy-dev-oos`, `noisy-dev-oos3` and `noisy-dev-oos4` (shopping-adjacent: other companies, carriers,
 * appointments) print their false-trigger rate, and their triggers with `--errors`.
 * The check pair written by another author in round 3 (its misses read and tuned on in round 4, so dev sets now): `oos5-check` (out of scope,
 * false-trigger rate) and `ins5-check` (this shop's buyers, share NOT sent to `none`); misses only with `--errors-unseen`.
 * `--calibrate` instead grid-searches the decision thresholds (decision.ts) over all these sets pooled
 * (independent3 included; they are all dev sets now, see docs/nlu.md): accuracy on the labelled sets, subject to at most 3 % of
 * out-of-scope sentences per language starting an after-sales flow, with a 2-fold split as a check.
 */
import { loadavg } from 'node:os';
import {
  createNlu,
  decide,
  DEFAULT_THRESHOLDS,
  isMixedScript,
  loadHeldOut,
  loadIndependent,
  loadInScopeCheck,
  loadNoisy,
  loadOutOfScope,
  loadTrainingCorpus,
  preferReading,
  type IndependentSet,
  type LabelledUtterance,
  type NluEngine,
  type NluThresholds,
  type Reading,
} from '../src/nlu/index.js';
import { overlapKey } from '../src/nlu/text-features.js';
import { AFTER_SALES_INTENTS, INTENTS, type EntityType, type Intent } from '../src/nlu/types.js';
import { LANGS, type Lang } from '../src/domain/lang.js';

const MEASURED_ENTITIES: readonly EntityType[] = ['orderId', 'email', 'postalCode'];
const ROUNDS = 20;
const showErrors = process.argv.includes('--errors');
// The third independent set is the unseen check: its misses print only when asked for by name, so
// that looking at other sets' misses (`--errors`) never exposes it.
/** The unseen sets (independent4, independent5): their misses print only with `--errors-unseen`. */
const UNSEEN_SETS = ['independent4', 'independent5'] as const;
/** Labels whose misses print only with `--errors-unseen`: the unseen sets and the blind noisy pairs. */
const HIDDEN_MISSES = [...UNSEEN_SETS, 'noisy8'];
/** The independent sets after the first, in the order they were written, and what they are now. */
const LATER_SETS: { set: IndependentSet; status: string }[] = [
  { set: 'independent2', status: 'dev since round 1' },
  { set: 'independent3', status: 'dev since round 2' },
  ...UNSEEN_SETS.map((set) => ({ set, status: 'unseen' })),
];
const showUnseenErrors = process.argv.includes('--errors-unseen');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;

interface SetScore {
  n: number;
  accuracy: number;
  perIntent: Record<string, number>;
  entityExpected: number;
  entityFound: number;
  entityExtra: number;
  misses: Array<{ text: string; expected: Intent; predicted: Intent; score: number }>;
}

async function scoreSet(nlu: NluEngine, lang: Lang, items: LabelledUtterance[], label: string): Promise<SetScore> {
  const perIntent: Record<string, { n: number; ok: number }> = {};
  let correct = 0;
  let entityExpected = 0;
  let entityFound = 0;
  let entityExtra = 0;
  const misses: SetScore['misses'] = [];
  for (const item of items) {
    const r = await nlu.understand(item.text, lang);
    const slot = (perIntent[item.intent] ??= { n: 0, ok: 0 });
    slot.n += 1;
    if (r.intent === item.intent) {
      correct += 1;
      slot.ok += 1;
    } else {
      misses.push({ text: item.text, expected: item.intent, predicted: r.intent, score: r.score });
      if (HIDDEN_MISSES.some((u) => label.startsWith(u)) ? showUnseenErrors : showErrors)
        console.log(`  miss ${label} ${lang} [${item.intent} -> ${r.intent} ${r.score}${r.alternative ? ` alt ${r.alternative.intent}` : ''}] ${item.text}`);
    }
    if (item.entities) {
      const got = r.entities.filter((e) => MEASURED_ENTITIES.includes(e.type));
      const expected = item.entities.filter((e) => MEASURED_ENTITIES.includes(e.type));
      entityExpected += expected.length;
      for (const e of expected) {
        if (got.some((g) => g.type === e.type && g.value === e.value)) entityFound += 1;
        else if (showErrors) console.log(`  entity miss ${label} ${lang} ${e.type}=${e.value} in: ${item.text} got ${JSON.stringify(got)}`);
      }
      entityExtra += got.filter((g) => !expected.some((e) => e.type === g.type && e.value === g.value)).length;
    }
  }
  const perIntentAcc = Object.fromEntries(
    INTENTS.filter((i) => perIntent[i]).map((i) => [i, round(perIntent[i]!.ok / perIntent[i]!.n, 3)]),
  );
  return { n: items.length, accuracy: round(correct / items.length), perIntent: perIntentAcc, entityExpected, entityFound, entityExtra, misses };
}

async function main(): Promise<void> {
  const moduleLoadMs = performance.now();
  const t0 = performance.now();
  const nlu = await createNlu({ now: () => new Date('2025-03-12T10:00:00Z') });
  const readyMs = performance.now() - t0;
  const readySinceProcessStartMs = performance.now();
  const rssAfterReadyMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`ready: createNlu ${readyMs.toFixed(0)} ms, ${readySinceProcessStartMs.toFixed(0)} ms after process start (tsx + module load ${moduleLoadMs.toFixed(0)} ms), RSS ${rssAfterReadyMb.toFixed(1)} MiB`);

  const summary: Record<string, unknown> = {};
  const latencies: number[] = [];
  for (const lang of LANGS) {
    const heldOut = loadHeldOut(lang);
    const fresh = loadHeldOut(lang, undefined, 'heldout-fresh');
    const oos = loadOutOfScope(lang);
    const main = await scoreSet(nlu, lang, heldOut, 'heldout');
    const freshScore = await scoreSet(nlu, lang, fresh, 'fresh');
    let falseTriggers = 0;
    for (const text of oos) {
      const r = await nlu.understand(text, lang);
      if (AFTER_SALES_INTENTS.includes(r.intent)) {
        falseTriggers += 1;
        if (showErrors) console.log(`  oos false trigger ${lang} [${r.intent} ${r.score}] ${text}`);
      }
    }
    // Independent set: `none` sentences that would start an after-sales flow, and the most confident misses.
    const independentSet = loadIndependent(lang);
    const independent = await scoreSet(nlu, lang, independentSet, 'independent');
    const training = new Set(loadTrainingCorpus(lang).map((u) => overlapKey(u.text)));
    const unseen = await scoreSet(nlu, lang, independentSet.filter((u) => !training.has(overlapKey(u.text))), 'independent-unseen');
    const indNoneN = independentSet.filter((u) => u.intent === 'none').length;
    const indNoneAfterSales = independent.misses.filter((m) => m.expected === 'none' && AFTER_SALES_INTENTS.includes(m.predicted)).length;
    const worst = [...independent.misses].sort((a, b) => b.score - a.score).slice(0, 10);
    // The later independent sets, each written blind: the dev ones (tuned on since) and the unseen ones.
    const laterScores = [];
    for (const { set, status } of LATER_SETS) {
      const items = loadIndependent(lang, undefined, set);
      const all = await scoreSet(nlu, lang, items, set);
      const notTrained = await scoreSet(nlu, lang, items.filter((u) => !training.has(overlapKey(u.text))), `${set}-unseen`);
      const noneN = items.filter((u) => u.intent === 'none').length;
      const noneAfterSales = all.misses.filter((m) => m.expected === 'none' && AFTER_SALES_INTENTS.includes(m.predicted)).length;
      laterScores.push({ set, status, all, notTrained, noneN, noneAfterSales });
    }
    const unseenScores = laterScores.filter((u) => u.status === 'unseen');
    // The blind noisy pairs: noisy2 (round 3; read and tuned on in round 4), noisy3 (round 4; read in round 5) and noisy4 (written
    // blind at the start of round 5; two thirds read in round 6), noisy5 (round 6; read in round 7), noisy6 (round 7; read in round 8), noisy7 (round 8; read in round 9),
    // noisy8 (written blind at the start of round 9, scored once at its end: the honest figure). Totals; noisy8's misses only with --errors-unseen.
    const blindPairs = [];
    for (const set of ['noisy2', 'noisy3', 'noisy4', 'noisy5', 'noisy6', 'noisy7', 'noisy8'] as const) {
      const items = loadNoisy(lang, set);
      const right = Math.round((await scoreSet(nlu, lang, items, set)).accuracy * items.length);
      const oosTexts = loadOutOfScope(lang, undefined, `${set}-oos`);
      let triggers = 0;
      for (const text of oosTexts) {
        const r = await nlu.understand(text, lang);
        if (!AFTER_SALES_INTENTS.includes(r.intent)) continue;
        triggers += 1;
        if (set === 'noisy8' ? showUnseenErrors : showErrors) console.log(`  trigger ${set}-oos ${lang} [→ ${r.intent} ${r.score}] ${text}`);
      }
      blindPairs.push({ set, n: items.length, right, oosN: oosTexts.length, triggers });
    }
    // The other noisy sets are dev sets.
    const noisyDev = [];
    for (const set of ['noisy-dev-typos', 'noisy-dev-casual', 'noisy-dev8', 'noisy-dev9'] as const) noisyDev.push({ set, score: await scoreSet(nlu, lang, loadNoisy(lang, set), set) });
    const noisyItems = loadNoisy(lang, 'noisy');
    const noisyScore = await scoreSet(nlu, lang, noisyItems, 'noisy');
    const noisyRight = Math.round(noisyScore.accuracy * noisyItems.length);
    const oosRates: Record<string, { n: number; triggers: number }> = {};
    for (const set of ['noisy-oos', 'noisy-dev-oos', 'noisy-dev-oos3', 'noisy-dev-oos4', 'noisy-dev8-oos', 'noisy-dev9-oos'] as const) {
      const texts = loadOutOfScope(lang, undefined, set);
      let triggers = 0;
      for (const text of texts) {
        const r = await nlu.understand(text, lang);
        if (!AFTER_SALES_INTENTS.includes(r.intent)) continue;
        triggers += 1;
        if (showErrors) console.log(`  trigger ${set} ${lang} [→ ${r.intent} ${r.score}] ${text}`);
      }
      oosRates[set] = { n: texts.length, triggers };
    }
    // The round-4 check pair (another author; never trained or tuned on): its misses print only with --errors-unseen.
    const oosCheck = loadOutOfScope(lang, undefined, 'oos5-check');
    let oosCheckTriggers = 0;
    for (const text of oosCheck) {
      const r = await nlu.understand(text, lang);
      if (!AFTER_SALES_INTENTS.includes(r.intent)) continue;
      oosCheckTriggers += 1;
      if (showUnseenErrors) console.log(`  trigger oos5-check ${lang} [→ ${r.intent} ${r.score}] ${text}`);
    }
    const insCheck = loadInScopeCheck(lang);
    let insCheckKept = 0;
    for (const text of insCheck) {
      const r = await nlu.understand(text, lang);
      if (r.intent !== 'none') insCheckKept += 1;
      else if (showUnseenErrors) console.log(`  none ins5-check ${lang} ${text}`);
    }
    const noisyOos = { length: oosRates['noisy-oos']?.n ?? 0 };
    const noisyOosTriggers = oosRates['noisy-oos']?.triggers ?? 0;
    // Latency: warm (one unmeasured round first), over every held-out and out-of-scope sentence.
    const texts = [...heldOut.map((h) => h.text), ...fresh.map((h) => h.text), ...oos];
    for (const text of texts) await nlu.understand(text, lang);
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const text of texts) {
        const s = performance.now();
        await nlu.understand(text, lang);
        latencies.push(performance.now() - s);
      }
    }
    const entityExpected = main.entityExpected + freshScore.entityExpected;
    const entityFound = main.entityFound + freshScore.entityFound;
    console.log(`${lang}: held-out intent accuracy ${(main.accuracy * 100).toFixed(1)}% of ${main.n}; fresh held-out ${(freshScore.accuracy * 100).toFixed(1)}% of ${freshScore.n}; out-of-scope false triggers ${falseTriggers}/${oos.length} (${((falseTriggers / oos.length) * 100).toFixed(1)}%); entities ${entityFound}/${entityExpected} found, ${main.entityExtra + freshScore.entityExtra} extra`);
    console.log(`  per intent (held-out): ${Object.entries(main.perIntent).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
    console.log(`  independent: intent accuracy ${(independent.accuracy * 100).toFixed(1)}% of ${independent.n}; none → after-sales ${indNoneAfterSales}/${indNoneN} (${((indNoneAfterSales / indNoneN) * 100).toFixed(1)}%)`);
    console.log(`  per intent (independent): ${Object.entries(independent.perIntent).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
    console.log(`  independent without the ${independent.n - unseen.n} sentences also in training: ${(unseen.accuracy * 100).toFixed(1)}% of ${unseen.n}; per intent: ${Object.entries(unseen.perIntent).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
    console.log(`  worst misses (independent, most confident first):`);
    for (const m of worst) console.log(`    ${m.text} → ${m.predicted} ${m.score} (expected ${m.expected})`);
    for (const u of laterScores) {
      console.log(`  ${u.set} (${u.status}): intent accuracy ${(u.all.accuracy * 100).toFixed(1)}% of ${u.all.n} (${(u.notTrained.accuracy * 100).toFixed(1)}% of the ${u.notTrained.n} not in training); none → after-sales ${u.noneAfterSales}/${u.noneN}`);
      console.log(`  per intent (${u.set}): ${Object.entries(u.all.perIntent).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
    }
    const pooledN = unseenScores.reduce((n, u) => n + u.all.n, 0);
    const pooledRight = unseenScores.reduce((n, u) => n + Math.round(u.all.accuracy * u.all.n), 0);
    console.log(`  unseen sets pooled: ${((pooledRight / pooledN) * 100).toFixed(1)}% of ${pooledN}`);
    for (const { set, score } of noisyDev) {
      console.log(`  ${set} (dev): intent accuracy ${(score.accuracy * 100).toFixed(1)}% of ${score.n}; per intent: ${Object.entries(score.perIntent).map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`).join(', ')}`);
    }
    for (const [set, r] of Object.entries(oosRates)) if (set !== 'noisy-oos') console.log(`  ${set} (dev): out-of-scope → after-sales ${r.triggers}/${r.n} (${((r.triggers / r.n) * 100).toFixed(1)}%)`);
    console.log(`  oos5-check (check; read in round 4, dev since): out-of-scope → after-sales ${oosCheckTriggers}/${oosCheck.length} (${((oosCheckTriggers / oosCheck.length) * 100).toFixed(1)}%); ins5-check (check): in scope (not none) ${insCheckKept}/${insCheck.length} (${((insCheckKept / insCheck.length) * 100).toFixed(1)}%)`);
    for (const b of blindPairs) {
      const status = { noisy2: 'blind in round 3, dev since round 4', noisy3: 'blind in round 4, dev since round 5', noisy4: 'dev since round 6 but a third set aside, bench/nlu-split.ts', noisy5: 'blind in round 6, dev since round 7', noisy6: 'blind in round 7, dev since round 8', noisy7: 'blind in round 8, dev since round 9', noisy8: 'blind, scored at the end of round 9' }[b.set];
      console.log(`  ${b.set} (${status}): intent accuracy ${((b.right / b.n) * 100).toFixed(1)}% of ${b.n}; ${b.set} out-of-scope → after-sales ${b.triggers}/${b.oosN} (${((b.triggers / b.oosN) * 100).toFixed(1)}%)`);
    }
    console.log(`  noisy (blind, dev since round 3): intent accuracy ${((noisyRight / noisyItems.length) * 100).toFixed(1)}% of ${noisyItems.length}; noisy out-of-scope → after-sales ${noisyOosTriggers}/${noisyOos.length} (${((noisyOosTriggers / noisyOos.length) * 100).toFixed(1)}%)`);
    summary[lang] = {
      heldOut: main.n,
      accuracy: main.accuracy,
      perIntent: main.perIntent,
      freshHeldOut: freshScore.n,
      freshAccuracy: freshScore.accuracy,
      outOfScope: oos.length,
      outOfScopeFalseTriggerRate: round(falseTriggers / oos.length),
      entityRecall: entityExpected === 0 ? null : round(entityFound / entityExpected),
      entityExpected,
      entityExtra: main.entityExtra + freshScore.entityExtra,
      independent: independent.n,
      independentAccuracy: independent.accuracy,
      independentPerIntent: independent.perIntent,
      independentUnseen: unseen.n,
      independentUnseenAccuracy: unseen.accuracy,
      independentUnseenPerIntent: unseen.perIntent,
      independentNoneToAfterSalesRate: round(indNoneAfterSales / indNoneN),
      ...Object.fromEntries(
        laterScores.flatMap((u) => [
          [u.set, u.all.n],
          [`${u.set}Accuracy`, u.all.accuracy],
          [`${u.set}PerIntent`, u.all.perIntent],
          [`${u.set}Unseen`, u.notTrained.n],
          [`${u.set}UnseenAccuracy`, u.notTrained.accuracy],
          [`${u.set}NoneToAfterSalesRate`, round(u.noneAfterSales / u.noneN)],
        ]),
      ),
      unseenPooledAccuracy: round(pooledRight / pooledN),
      ...Object.fromEntries(noisyDev.map(({ set, score }) => [`${set}Accuracy`, score.accuracy])),
      ...Object.fromEntries(
        blindPairs.flatMap((b) => [
          [b.set, b.n],
          [`${b.set}Accuracy`, round(b.right / b.n)],
          [`${b.set}OutOfScope`, b.oosN],
          [`${b.set}OutOfScopeFalseTriggerRate`, round(b.triggers / b.oosN)],
        ]),
      ),
      noisy: noisyItems.length,
      noisyAccuracy: round(noisyRight / noisyItems.length),
      noisyOutOfScope: noisyOos.length,
      noisyOutOfScopeFalseTriggerRate: round(noisyOosTriggers / noisyOos.length),
      noisyDevOosFalseTriggerRate: round((oosRates['noisy-dev-oos']?.triggers ?? 0) / (oosRates['noisy-dev-oos']?.n ?? 1)),
      noisyDevOos3FalseTriggerRate: round((oosRates['noisy-dev-oos3']?.triggers ?? 0) / (oosRates['noisy-dev-oos3']?.n ?? 1)),
      noisyDevOos4FalseTriggerRate: round((oosRates['noisy-dev-oos4']?.triggers ?? 0) / (oosRates['noisy-dev-oos4']?.n ?? 1)),
      noisyDev8OosFalseTriggerRate: round((oosRates['noisy-dev8-oos']?.triggers ?? 0) / (oosRates['noisy-dev8-oos']?.n ?? 1)),
      noisyDev9OosFalseTriggerRate: round((oosRates['noisy-dev9-oos']?.triggers ?? 0) / (oosRates['noisy-dev9-oos']?.n ?? 1)),
      oos5CheckFalseTriggerRate: round(oosCheckTriggers / oosCheck.length),
      ins5CheckInScopeRate: round(insCheckKept / insCheck.length),
    };
  }
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  // Wall-clock percentiles suffer when other processes compete for the CPU; CPU time per call does not.
  const sample = LANGS.flatMap((lang) => loadHeldOut(lang).map((item) => [item.text, lang] as const));
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i += 1) for (const [text, lang] of sample) nlu.understandSync(text, lang);
  const cpu = process.cpuUsage(cpu0);
  const cpuMeanMs = (cpu.user + cpu.system) / 1000 / (ROUNDS * sample.length);
  const load = loadavg()[0] ?? 0;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`latency per utterance: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${latencies.length} calls (wall clock, load average ${load.toFixed(1)}); mean CPU time ${cpuMeanMs.toFixed(3)} ms; RSS now ${rssMb.toFixed(1)} MiB`);
  console.log(
    JSON.stringify({
      ...summary,
      latencyMs: { p50: round(p50), p99: round(p99), samples: latencies.length, cpuMean: round(cpuMeanMs), loadAverage: round(load, 2) },
      readyMs: Math.round(readyMs),
      readySinceProcessStartMs: Math.round(readySinceProcessStartMs),
      rssMiB: { afterReady: round(rssAfterReadyMb, 1), afterBench: round(rssMb, 1) },
    }),
  );
}

interface DevItem {
  lang: Lang;
  /** `undefined` for out-of-scope sentences (right when no after-sales flow starts). */
  intent: Intent | undefined;
  own: Reading;
  other: Reading | undefined;
  fold: number;
}

async function calibrate(): Promise<void> {
  const nlu = await createNlu({ now: () => new Date('2025-03-12T10:00:00Z') });
  const items: DevItem[] = [];
  for (const lang of LANGS) {
    const labelled = [
      ...loadHeldOut(lang),
      ...loadHeldOut(lang, undefined, 'heldout-fresh'),
      ...loadIndependent(lang),
      ...loadIndependent(lang, undefined, 'independent2'),
      ...loadIndependent(lang, undefined, 'independent3'),
    ];
    const all: Array<{ text: string; intent: Intent | undefined }> = [...labelled, ...loadOutOfScope(lang).map((text) => ({ text, intent: undefined }))];
    for (const [i, u] of all.entries()) {
      const other = isMixedScript(u.text) ? nlu.read(u.text, lang === 'en' ? 'zh' : 'en') : undefined;
      items.push({ lang, intent: u.intent, own: nlu.read(u.text, lang), other, fold: i % 2 });
    }
  }
  const predict = (it: DevItem, t: NluThresholds): Intent => {
    const redo = (r: Reading): Reading => ({ ...r, d: decide(r.c, r.faqMatch, t) });
    return preferReading(redo(it.own), it.other ? redo(it.other) : undefined).d.intent;
  };
  /** Pooled accuracy on the labelled sentences of `fold` (all when undefined); -1 when out-of-scope triggers exceed 3 %. */
  const score = (t: NluThresholds, fold?: number): number => {
    for (const lang of LANGS) {
      const oos = items.filter((it) => it.lang === lang && it.intent === undefined);
      if (oos.filter((it) => AFTER_SALES_INTENTS.includes(predict(it, t))).length / oos.length > 0.03) return -1;
    }
    const labelled = items.filter((it) => it.intent !== undefined && (fold === undefined || it.fold === fold));
    return labelled.filter((it) => predict(it, t) === it.intent).length / labelled.length;
  };
  const grid = {
    minScore: [0.4, 0.45, 0.5],
    minStrength: [0.25, 0.3, 0.35, 0.4],
    agreeStrength: [0.05, 0.1, 0.2, 0.3, 1],
    vetoStrength: [0, 0.4, 0.5, 0.6],
    faqRescue: [0.55, 0.65, 0.75, 0.9, 1.01],
    neighbourFloor: [0.2, 0.25, 0.3, 0.4],
  };
  const runs: Array<{ t: NluThresholds; all: number; a: number; b: number }> = [];
  for (const minScore of grid.minScore)
    for (const minStrength of grid.minStrength)
      for (const agreeStrength of grid.agreeStrength)
        for (const vetoStrength of grid.vetoStrength)
          for (const faqRescue of grid.faqRescue)
            for (const neighbourFloor of grid.neighbourFloor) {
              const t: NluThresholds = { ...DEFAULT_THRESHOLDS, minScore, minStrength, agreeStrength: Math.min(agreeStrength, minStrength), vetoStrength, faqRescue, neighbourFloor };
              runs.push({ t, all: score(t), a: score(t, 0), b: score(t, 1) });
            }
  const show = (t: NluThresholds): string =>
    `minScore ${t.minScore} minStrength ${t.minStrength} agreeStrength ${t.agreeStrength} vetoStrength ${t.vetoStrength} faqRescue ${t.faqRescue} neighbourFloor ${t.neighbourFloor}`;
  const pct = (x: number): string => (x < 0 ? 'over the out-of-scope limit' : `${(x * 100).toFixed(2)}%`);
  console.log(`current: ${pct(score(DEFAULT_THRESHOLDS))} (${show(DEFAULT_THRESHOLDS)})`);
  const bestA = runs.reduce((x, y) => (y.a > x.a ? y : x));
  const bestB = runs.reduce((x, y) => (y.b > x.b ? y : x));
  console.log(`2-fold: tuned on half A ${pct(bestA.a)} → half B ${pct(bestA.b)}; tuned on B ${pct(bestB.b)} → A ${pct(bestB.a)}`);
  for (const r of [...runs].sort((x, y) => y.all - x.all).slice(0, 5)) console.log(`  ${pct(r.all)}  ${show(r.t)}`);
  for (const key of Object.keys(grid) as Array<keyof typeof grid>) {
    const best = new Map<number, number>();
    for (const r of runs) best.set(r.t[key], Math.max(best.get(r.t[key]) ?? -1, r.all));
    console.log(`  best by ${key}: ${[...best].map(([v, a]) => `${v} → ${pct(a)}`).join(', ')}`);
  }
}

(process.argv.includes('--calibrate') ? calibrate() : main()).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
