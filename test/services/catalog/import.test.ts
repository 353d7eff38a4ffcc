import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../../src/services/catalog/import.js';

const report = readFileSync(new URL('./fixtures/listings-report.tsv', import.meta.url), 'utf8');

describe('catalog import: listings report (TSV)', () => {
  const r = parseCatalogFile(report, { currency: 'GBP' });

  it('keeps the good rows with their facts, grouped by parent SKU, price in the report currency', () => {
    expect(r.format).toBe('tsv');
    expect(r.products.map((p) => p.id)).toEqual(['BOARD-BAM-L', 'BOARD-BAM-L-CN', 'EARBUDS', 'CUP-500']);
    const board = r.products[0]!;
    expect(board).toMatchObject({ listingId: '0314Z8ABCDE', title: { en: 'Bamboo cutting board, large' }, price: { GBP: 24.99 }, weightG: 1200, materials: { en: 'bamboo' } });
    expect(board.variants).toEqual([{ sku: 'BOARD-BAM-L', options: {}, stock: 17 }]);
    const buds = r.products[2]!;
    expect(buds.variants.map((v) => [v.sku, v.options.colour?.en, v.stock])).toEqual([
      ['EARBUDS-BLK', 'black', 12],
      ['EARBUDS-WHT', 'white', 0],
    ]);
  });

  it('keeps unknown columns as attributes and leaves report bookkeeping out', () => {
    const buds = r.products[2]!;
    expect(buds.attributes).toEqual([{ name: { en: 'battery life' }, value: { en: '8 hours, 32 with the case' } }]);
    expect(JSON.stringify(r.products)).not.toMatch(/Migrated Template|PST/);
  });

  it('reads Chinese titles as Chinese text', () => {
    expect(r.products[1]).toMatchObject({ title: { zh: '竹制砧板 大号' }, description: { zh: '大号竹制砧板，带导流槽。' }, materials: { zh: '竹' }, price: { GBP: 169 } });
    expect(r.products[3]).toMatchObject({ title: { zh: '保温杯 500毫升' }, variants: [{ sku: 'CUP-500', stock: 0 }] });
  });

  it('reports every bad row by line and SKU', () => {
    expect(r.errors).toEqual([
      { line: 6, sku: 'BAD-PRICE', reason: 'price "twelve" is not an amount' },
      { line: 7, sku: 'NO-NAME', reason: 'item-name is empty' },
      { line: 8, sku: 'NEG-QTY', reason: 'quantity "-2" is not a whole number' },
      { line: 9, sku: 'EARBUDS-BLK', reason: 'duplicate seller-sku EARBUDS-BLK' },
    ]);
  });

  it('names a missing required column instead of importing nothing silently', () => {
    const noPrice = report.replace(/^item-name\titem-description\tlisting-id\tseller-sku\tprice/, 'item-name\titem-description\tlisting-id\tseller-sku\tcost');
    expect(parseCatalogFile(noPrice).errors).toEqual([{ line: 1, reason: 'missing column price' }]);
  });
});

describe('catalog import: JSON', () => {
  it('imports the demo catalog whole, and names a bad product while keeping the rest', () => {
    const demo = readFileSync(new URL('../../../data/catalog/demo-catalog.json', import.meta.url), 'utf8');
    expect(parseCatalogFile(demo)).toMatchObject({ format: 'json', errors: [] });
    expect(parseCatalogFile(demo).products).toHaveLength(30);
    const bad = JSON.stringify({ products: [{ id: 'A', title: { en: 'A' }, price: { USD: 1 }, variants: [{ sku: 'A', options: {}, stock: 1 }] }, { id: 'B', title: { en: 'B' }, price: { USD: -1 }, variants: [] }] });
    const r = parseCatalogFile(bad);
    expect(r.products.map((p) => p.id)).toEqual(['A']);
    expect(r.errors).toEqual([{ line: 2, sku: 'B', reason: expect.stringMatching(/price|variants/) }]);
  });
});
