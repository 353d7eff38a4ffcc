/**
 * Building the pre-sales service from the data folder: the catalog (data/catalog/*.json) and the
 * knowledge base (data/kb/<lang>.json), validated, with every bad entry reported to `onProblem`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import type { Product } from './catalog.js';
import { loadCatalogFile } from './catalog.js';
import { loadKnowledgeBase } from './knowledge-base.js';
import { PresalesService, type Phrase } from './presales.js';

export { PresalesService, NO_ANSWER_KEY, type PresalesAnswer, type PresalesContext, type PresalesReply } from './presales.js';
export type { Product } from './catalog.js';

export interface PresalesData {
  products: Product[];
  /** Human-readable problems: "data/kb/en.json entries[3] (id: gift): answer is empty". */
  problems: string[];
}

/** Every product of every JSON file in `catalogDir` (bad products named, good ones kept). */
export function loadCatalogDir(catalogDir: string): PresalesData {
  const products: Product[] = [];
  const problems: string[] = [];
  const files = readdirSync(catalogDir).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    const file = path.join(catalogDir, f);
    try {
      const r = loadCatalogFile(file);
      products.push(...r.products);
      for (const p of r.problems) problems.push(`${file} product ${p.index}${p.id ? ` (${p.id})` : ''}: ${p.reason}`);
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { products, problems };
}

export const phraseFrom = (i: i18n): Phrase => (lang, key, values) => String(i.getFixedT(lang)(key, values));

/** The service over `dataDir`/catalog and `dataDir`/kb; call again to reload. */
export function createPresalesService(dataDir: string, phrase: Phrase): { service: PresalesService; problems: string[] } {
  const catalog = loadCatalogDir(path.join(dataDir, 'catalog'));
  const kb = loadKnowledgeBase(path.join(dataDir, 'kb'));
  const problems = [...catalog.problems, ...kb.problems.map((p) => `${p.file} ${p.where}: ${p.reason}`)];
  return { service: new PresalesService(catalog.products, kb.kbs, phrase), problems };
}
