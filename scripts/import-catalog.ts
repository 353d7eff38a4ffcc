/**
 * Import the seller's catalog: `npm run import-catalog -- <listings-report.tsv|catalog.json>
 * [--currency USD|GBP|EUR|CNY] [--out data/catalog/imported.json]`. Bad rows are printed with their
 * line and skipped; the good ones are written (the running assistant picks the file up by itself).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CURRENCIES, type Currency } from '../src/services/catalog/catalog.js';
import { parseCatalogFile } from '../src/services/catalog/import.js';

const USAGE = 'usage: npm run import-catalog -- <file> [--currency USD|GBP|EUR|CNY] [--out data/catalog/imported.json]';
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const currency = opt('--currency') ?? 'USD';
if (!file || !(CURRENCIES as readonly string[]).includes(currency)) {
  console.error(USAGE);
  process.exit(2);
}
const out = opt('--out') ?? 'data/catalog/imported.json';
const r = parseCatalogFile(readFileSync(file, 'utf8'), { currency: currency as Currency });
for (const e of r.errors) console.error(`line ${e.line}${e.sku ? ` (${e.sku})` : ''}: ${e.reason}`);
writeFileSync(out, `${JSON.stringify({ products: r.products }, null, 2)}\n`);
console.log(`${r.products.length} products written to ${out}; ${r.errors.length} rows skipped`);
