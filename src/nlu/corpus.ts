/**
 * Loading the seller-editable NLU data (data/nlu, and the knowledge base's questions in data/kb). Files are validated with zod so a
 * typo in an intent name fails at start-up instead of silently training a wrong model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import type { FaqEntry } from './faq-retriever.js';
import { parsePinyinTable } from './homophones.js';
import type { TrainingUtterance } from './intent-classifier.js';
import { INTENTS, type Entity, type Intent } from './types.js';
import type { Lang } from '../domain/lang.js';

/** Repository data folder (data/), resolved from this file so it works from any working directory. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const intentSchema = z.enum(INTENTS);
const entityTypeSchema = z.enum(['orderId', 'email', 'postalCode', 'returnReason', 'date', 'amount', 'number', 'rma']);
const trainingSchema = z.record(intentSchema, z.array(z.string().min(1)));
const heldOutSchema = z.array(
  z.object({
    text: z.string().min(1),
    intent: intentSchema,
    entities: z.array(z.object({ type: entityTypeSchema, value: z.string() })).optional(),
  }),
);
const outOfScopeSchema = z.array(z.string().min(1));
/** Only what the NLU needs of a knowledge-base file (it is validated in full by src/services/catalog). */
const kbQuestionsSchema = z.object({ entries: z.array(z.object({ id: z.string(), questions: z.array(z.string()) })) });
const faqSchema = z.object({
  entries: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), questions: z.object({ en: z.array(z.string()), zh: z.array(z.string()) }) })),
});

/** A held-out utterance with the intent (and optionally the entities) a reader expects. */
export interface LabelledUtterance {
  text: string;
  intent: Intent;
  entities?: Entity[];
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function loadTrainingCorpus(lang: Lang, dataDir = DEFAULT_DATA_DIR): TrainingUtterance[] {
  const parsed = trainingSchema.parse(readJson(path.join(dataDir, 'nlu', `train.${lang}.json`)));
  const out: TrainingUtterance[] = [];
  for (const intent of INTENTS) for (const text of parsed[intent] ?? []) out.push({ text, intent });
  return out;
}

/** `set` picks the file: 'heldout' (the main held-out set) or 'heldout-fresh' (written after tuning, never tuned on). */
export function loadHeldOut(lang: Lang, dataDir = DEFAULT_DATA_DIR, set: 'heldout' | 'heldout-fresh' = 'heldout'): LabelledUtterance[] {
  return heldOutSchema.parse(readJson(path.join(dataDir, 'nlu', `${set}.${lang}.json`)));
}

/**
 * The independent test set (independent.<lang>.json, `{ intent: [text, ...] }`): written by a
 * buyer-side author who never saw the corpus or the model. Never trained or tuned on.
 */
/** Test sets written by authors who never saw the corpus or the model (see docs/nlu.md). */
export type IndependentSet = 'independent' | 'independent2' | 'independent3' | 'independent4' | 'independent5';

export function loadIndependent(lang: Lang, dataDir = DEFAULT_DATA_DIR, set: IndependentSet = 'independent'): LabelledUtterance[] {
  const parsed = trainingSchema.parse(readJson(path.join(dataDir, 'nlu', `${set}.${lang}.json`)));
  const out: LabelledUtterance[] = [];
  for (const intent of INTENTS) for (const text of parsed[intent] ?? []) out.push({ text, intent });
  return out;
}

/**
 * Buyer-style noisy text (typos, casual and indirect phrasing): `noisy` is held out (written blind,
 * scored only as a whole, never trained or tuned on; noisy.README.md); the `noisy-dev-*` sets are ours
 * for working on it (typos generated over the dev sets by scripts/make-noisy-dev.ts, casual paraphrases).
 * `noisy2` (+ `noisy2-oos`) is the fresh blind pair of round 3, held out: scored as a whole only (noisy2.README.md).
 */
export type NoisySet = 'noisy' | 'noisy2' | 'noisy3' | 'noisy4' | 'noisy5' | 'noisy6' | 'noisy7' | 'noisy8' | 'noisy-dev-typos' | 'noisy-dev-casual' | 'noisy-dev8' | 'noisy-dev9';

/** A noisy set may leave out an intent (noisy2 has no `none`: its out-of-scope half is `noisy2-oos`). */
const noisySchema = z.partialRecord(intentSchema, z.array(z.string().min(1)));

export function loadNoisy(lang: Lang, set: NoisySet, dataDir = DEFAULT_DATA_DIR): LabelledUtterance[] {
  const parsed = noisySchema.parse(readJson(path.join(dataDir, 'nlu', `${set}.${lang}.json`)));
  const out: LabelledUtterance[] = [];
  for (const intent of INTENTS) for (const text of parsed[intent] ?? []) out.push({ text, intent });
  return out;
}

/**
 * `set` 'noisy-oos' is the noisy out-of-scope set that goes with `noisy` (blind, a dev set since round 3);
 * 'noisy-dev-oos', 'noisy-dev-oos3' and 'noisy-dev-oos4' are our own shopping-adjacent out-of-scope dev messages;
 * 'noisy-dev8-oos' and 'noisy-dev9-oos' (with the labelled 'noisy-dev8', 'noisy-dev9') were written blind in round 8 and
 * read while fixing families.
 */
export type OutOfScopeSet = 'out-of-scope' | 'noisy-oos' | 'noisy2-oos' | 'noisy3-oos' | 'noisy4-oos' | 'noisy5-oos' | 'noisy6-oos' | 'noisy7-oos' | 'noisy8-oos' | 'noisy-dev-oos' | 'noisy-dev-oos3' | 'noisy-dev-oos4' | 'noisy-dev8-oos' | 'noisy-dev9-oos' | 'oos5-check';

export function loadOutOfScope(lang: Lang, dataDir = DEFAULT_DATA_DIR, set: OutOfScopeSet = 'out-of-scope'): string[] {
  return outOfScopeSchema.parse(readJson(path.join(dataDir, 'nlu', `${set}.${lang}.json`)));
}

/**
 * The in-scope half of the round-4 check (data/nlu/ins5-check.{en,zh}.json, written by another author with
 * `oos5-check`; ins5-check.README.md): this shop's buyers' messages, unlabelled, that must not be sent to `none`.
 * A check, never training text.
 */
export function loadInScopeCheck(lang: Lang, dataDir = DEFAULT_DATA_DIR): string[] {
  return outOfScopeSchema.parse(readJson(path.join(dataDir, 'nlu', `ins5-check.${lang}.json`)));
}

/**
 * General out-of-scope text for the scope gate (data/nlu/oos-general.{en,zh}.json: CLINC150 / CrossWOZ, see
 * oos-general.README.md); absent: the gate learns from the corpus's `none` lines only.
 */
export function loadGeneralOutOfScope(lang: Lang, dataDir = DEFAULT_DATA_DIR): string[] {
  const file = path.join(dataDir, 'nlu', `oos-general.${lang}.json`);
  return existsSync(file) ? outOfScopeSchema.parse(readJson(file)) : [];
}

/** Ordinary English words the spelling layer must leave alone (data/nlu/english-words.txt; absent: none). */
export function loadOrdinaryWords(dataDir = DEFAULT_DATA_DIR): Set<string> {
  const file = path.join(dataDir, 'nlu', 'english-words.txt');
  if (!existsSync(file)) return new Set();
  return new Set(readFileSync(file, 'utf8').split('\n').map((w) => w.trim()).filter(Boolean));
}

/** Toneless pinyin readings of Han characters (data/nlu/pinyin.tsv; absent: no homophone correction). */
export function loadPinyinTable(dataDir = DEFAULT_DATA_DIR): Map<string, readonly string[]> {
  const file = path.join(dataDir, 'nlu', 'pinyin.tsv');
  return existsSync(file) ? parsePinyinTable(readFileSync(file, 'utf8')) : new Map();
}

/**
 * The knowledge base's questions (data/kb/<lang>.json, the seller's FAQ) as one entry per id with
 * both languages' questions: what the FAQ signal of the NLU is measured against.
 */
export function loadFaqEntries(dataDir = DEFAULT_DATA_DIR): FaqEntry[] {
  const byId = new Map<string, FaqEntry>();
  for (const lang of ['en', 'zh'] as const) {
    for (const e of kbQuestionsSchema.parse(readJson(path.join(dataDir, 'kb', `${lang}.json`))).entries) {
      const entry = byId.get(e.id) ?? { id: e.id, questions: { en: [], zh: [] } };
      entry.questions[lang].push(...e.questions);
      byId.set(e.id, entry);
    }
  }
  return faqSchema.parse({ entries: [...byId.values()] }).entries;
}

/**
 * The seller's products as the catalog files hold them (`dataDir`/catalog/*.json, `{ products: [...] }`), unvalidated:
 * the NLU reads only their words (goods.ts); the pre-sales service validates and serves them.
 */
export function loadCatalogProducts(dataDir = DEFAULT_DATA_DIR): unknown[] {
  const dir = path.join(dataDir, 'catalog');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const parsed = readJson(path.join(dir, f)) as { products?: unknown };
      return Array.isArray(parsed.products) ? (parsed.products as unknown[]) : [];
    });
}
