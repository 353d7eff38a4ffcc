/**
 * Print the pre-sales questions the catalog and knowledge base could not answer, most asked first:
 * `npm run presales:unanswered -- --data-dir <DATA_DIR>`. Each is a candidate knowledge-base entry.
 */
import path from 'node:path';
import { UnansweredLog } from '../src/services/catalog/unanswered-log.js';

const i = process.argv.indexOf('--data-dir');
const dataDir = i >= 0 ? process.argv[i + 1] : undefined;
if (!dataDir) {
  console.error('usage: npm run presales:unanswered -- --data-dir <DATA_DIR>');
  process.exit(2);
}
const questions = await new UnansweredLog(path.join(dataDir, 'presales')).list();
const counts = new Map<string, { n: number; last: string; lang: string; page?: string }>();
for (const q of questions) {
  const key = `${q.lang}\u0000${q.text.trim().toLowerCase()}`;
  const c = counts.get(key) ?? { n: 0, last: q.at, lang: q.lang, ...(q.page ? { page: q.page } : {}) };
  c.n += 1;
  c.last = q.at > c.last ? q.at : c.last;
  counts.set(key, c);
}
const rows = [...counts.entries()].sort((a, b) => b[1].n - a[1].n);
for (const [key, c] of rows) console.log(`${String(c.n).padStart(3)}  [${c.lang}]${c.page ? ` (${c.page})` : ''}  ${key.split('\u0000')[1] ?? ''}   last ${c.last}`);
console.log(`${questions.length} unanswered questions, ${rows.length} distinct`);
