/**
 * Import the seller's orders into the embedded order store:
 *   npm run import-orders -- <file> --data-dir <dir> [--format json|tsv]
 * Bad rows are printed with their line number and skipped; exit code 1 when any row was bad.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InMemoryOrderService, importOrders, parseOrdersFile } from '../src/services/orders/index.js';

const USAGE = 'usage: npm run import-orders -- <file> --data-dir <DATA_DIR>/orders [--format json|tsv]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' } },
  });
  const file = positionals[0];
  const dataDir = values['data-dir'];
  const format = values.format;
  if (values.help || !file || !dataDir || (format !== undefined && format !== 'json' && format !== 'tsv')) {
    console.error(USAGE);
    return 2;
  }
  const result = parseOrdersFile(await readFile(file, 'utf8'), format ? { format } : {});
  const store = new InMemoryOrderService({ dataDir });
  const { added, updated, errors } = await importOrders(store, result);
  console.log(`${file} (${result.format}): ${added} added, ${updated} updated, ${errors.length} bad row(s)`);
  for (const e of errors) console.log(`  line ${e.line}${e.orderId ? ` (${e.orderId})` : ''}: ${e.reason}`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
