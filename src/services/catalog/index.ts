/**
 * Building the pre-sales service from the data folder: the catalog (data/catalog/*.json) and the
 * knowledge base (data/kb/<lang>.json), validated, with every bad entry reported to `onProblem`.
 */
import { existsSync, readdirSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { i18n } from 'i18next';
import type { Logger } from 'pino';
import type { Product } from './catalog.js';
import { loadCatalogFile } from './catalog.js';
import { loadKnowledgeBase, watchKnowledgeBase } from './knowledge-base.js';
import { PresalesService } from './presales.js';
import type { Phrase } from './stock-text.js';
import { PresalesTurn } from './turn.js';
import { UnansweredLog, type UnansweredBackend } from './unanswered-log.js';

export { PresalesService } from './presales.js';
export { NO_ANSWER_KEY } from './answer-types.js';
export type { PresalesAnswer, PresalesContext, PresalesReply } from './answer-types.js';
export type { Product } from './catalog.js';
export { PresalesTurn, pageProductIdOf } from './turn.js';
export { UnansweredLog, FileUnansweredStore, type UnansweredBackend, type UnansweredQuestion } from './unanswered-log.js';
export { RedisUnansweredStore } from './redis-unanswered-store.js';

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

export interface PresalesRuntime {
  turn: PresalesTurn;
  unanswered: UnansweredLog;
  /** The service answering now (replaced when the knowledge base or catalog files change). */
  current(): PresalesService;
  /** Problems of the last load (every bad entry named). */
  problems(): string[];
  close(): void;
}

export interface PresalesOptions {
  /** Folder holding catalog/ and kb/ (the repository's data/ by default). */
  dataDir: string;
  /** Runtime state folder (DATA_DIR): the unanswered-questions log goes to <stateDir>/presales/. */
  stateDir?: string;
  /** Where unanswered questions go instead of <stateDir>/presales (with REDIS_URL: Redis, shared by instances). */
  unansweredStore?: UnansweredBackend;
  i18n: i18n;
  logger: Pick<Logger, 'warn' | 'info' | 'error'>;
  clock?: () => Date;
  /** Re-read the files when they change (default true). */
  watch?: boolean;
  /**
   * Test seam: a service already built from `dataDir` (tests build the demo store's once per process;
   * building it is most of an app's start-up). Then nothing is read or watched here.
   */
  service?: PresalesService;
}

/** Loads the catalog and knowledge base, names every bad entry in the log, and reloads on change. */
export function startPresales(o: PresalesOptions): PresalesRuntime {
  const phrase = phraseFrom(o.i18n);
  let loaded = o.service ? { service: o.service, problems: [] } : createPresalesService(o.dataDir, phrase);
  const report = (problems: string[]) => {
    for (const p of problems) o.logger.warn({ problem: p }, 'presales data: bad entry left out');
  };
  report(loaded.problems);
  const watchers: FSWatcher[] = [];
  if (o.watch !== false && !o.service) {
    const reload = () => {
      try {
        loaded = createPresalesService(o.dataDir, phrase);
        report(loaded.problems);
        o.logger.info({ products: loaded.service.products.length }, 'presales data reloaded');
      } catch (err) {
        o.logger.error({ err }, 'presales data reload failed; the previous data keeps answering');
      }
    };
    for (const sub of ['kb', 'catalog']) {
      const dir = path.join(o.dataDir, sub);
      if (existsSync(dir)) watchers.push(watchKnowledgeBase(dir, reload));
    }
  }
  const unanswered = new UnansweredLog(o.unansweredStore ?? (o.stateDir ? path.join(o.stateDir, 'presales') : undefined), (err) => o.logger.warn({ err }, 'unanswered question not logged'));
  return {
    turn: new PresalesTurn(() => loaded.service, unanswered, o.clock),
    unanswered,
    current: () => loaded.service,
    problems: () => loaded.problems,
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}
