/**
 * The seller's knowledge base: one file per language (data/kb/en.json, data/kb/zh.json) with the
 * shipping table by destination and free-form question/answer entries. Sellers edit it without
 * touching code or translation files; every bad entry is named when it is read, and the good ones
 * still answer. `watchKnowledgeBase` re-reads the folder when a file changes (no restart).
 */
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Lang } from '../../domain/lang.js';
import { CURRENCIES } from './catalog.js';

const moneySchema = z.object({ amount: z.number().nonnegative(), currency: z.enum(CURRENCIES) });
const optionSchema = z.object({ cost: moneySchema, time: z.string().min(1) });

export const DestinationSchema = z.object({
  /** ISO 3166 region code (US, GB, CN, …). */
  code: z.string().regex(/^[A-Z]{2}$/, 'two-letter country code'),
  country: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  standard: optionSchema,
  freeOver: moneySchema.nullable().default(null),
  express: optionSchema.nullable().default(null),
});

export const KbEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _'),
  questions: z.array(z.string().min(1)).min(1, 'at least one example question'),
  answer: z.string().min(1, 'answer is empty'),
});

export type Destination = z.infer<typeof DestinationSchema>;
export type KbEntry = z.infer<typeof KbEntrySchema>;

export interface KnowledgeBase {
  lang: Lang;
  handling?: string;
  destinations: Destination[];
  /** Said when the buyer names a country not in the table. */
  elsewhere?: string;
  entries: KbEntry[];
}

export interface KbProblem {
  file: string;
  /** "entries[3] (id: gift)" or "shipping.destinations[2]". */
  where: string;
  reason: string;
}

const fileSchema = z.object({
  lang: z.enum(['en', 'zh']).optional(),
  shipping: z.object({ handling: z.string().optional(), destinations: z.array(z.unknown()), elsewhere: z.string().optional() }).optional(),
  entries: z.array(z.unknown()),
});

function idOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
}

/** Validates one language file's data: good entries kept, each bad one named with its reason. */
export function validateKnowledgeBase(data: unknown, lang: Lang, file = `${lang}.json`): { kb: KnowledgeBase; problems: KbProblem[] } {
  const problems: KbProblem[] = [];
  const kb: KnowledgeBase = { lang, destinations: [], entries: [] };
  const top = fileSchema.safeParse(data);
  if (!top.success) {
    problems.push({ file, where: top.error.issues[0]?.path.join('.') || '(file)', reason: top.error.issues[0]?.message ?? 'invalid' });
    return { kb, problems };
  }
  if (top.data.lang && top.data.lang !== lang) problems.push({ file, where: 'lang', reason: `says ${top.data.lang}, file is for ${lang}` });
  const ship = top.data.shipping;
  if (ship?.handling) kb.handling = ship.handling;
  if (ship?.elsewhere) kb.elsewhere = ship.elsewhere;
  const codes = new Set<string>();
  ship?.destinations.forEach((raw, i) => {
    const d = DestinationSchema.safeParse(raw);
    const where = `shipping.destinations[${i}]`;
    if (!d.success) problems.push({ file, where, reason: d.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
    else if (codes.has(d.data.code)) problems.push({ file, where, reason: `duplicate country ${d.data.code}` });
    else {
      codes.add(d.data.code);
      kb.destinations.push(d.data);
    }
  });
  const ids = new Set<string>();
  top.data.entries.forEach((raw, i) => {
    const e = KbEntrySchema.safeParse(raw);
    const id = idOf(raw);
    const where = `entries[${i}]${id ? ` (id: ${id})` : ''}`;
    if (!e.success) problems.push({ file, where, reason: e.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
    else if (ids.has(e.data.id)) problems.push({ file, where, reason: `duplicate id ${e.data.id}` });
    else {
      ids.add(e.data.id);
      kb.entries.push(e.data);
    }
  });
  return { kb, problems };
}

/** Reads data/kb/<lang>.json for both languages; a missing or unreadable file is a problem, not a crash. */
export function loadKnowledgeBase(dir: string): { kbs: Record<Lang, KnowledgeBase>; problems: KbProblem[] } {
  const problems: KbProblem[] = [];
  const kbs = {} as Record<Lang, KnowledgeBase>;
  for (const lang of ['en', 'zh'] as const) {
    const file = path.join(dir, `${lang}.json`);
    let data: unknown = { entries: [] };
    if (!existsSync(file)) problems.push({ file, where: '(file)', reason: 'missing' });
    else {
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        problems.push({ file, where: '(file)', reason: `not valid JSON: ${(err as Error).message}` });
      }
    }
    const r = validateKnowledgeBase(data, lang, file);
    kbs[lang] = r.kb;
    problems.push(...r.problems);
  }
  return { kbs, problems };
}

/**
 * Calls `onChange` (debounced) when a file in `dir` changes, so an edited knowledge base answers at
 * once. Returns the watcher to close on shutdown.
 */
export function watchKnowledgeBase(dir: string, onChange: () => void, debounceMs = 200): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const w = watch(dir, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  });
  w.unref();
  return w;
}
