/**
 * Bring a seller's catalog in: the marketplace's listings report (tab-separated, the columns sellers
 * download: item-name, item-description, listing-id, seller-sku, price, quantity, …, optionally the
 * flat-file columns parent-sku, color_name, size_name, material_type, …) or a JSON file of products.
 * Bad rows are reported with their line number and skipped; good rows still import. Rows sharing a
 * parent SKU become one product with variants; columns not known here are kept as attributes.
 */
import { validateCatalog, type Currency, type LangText, type Product } from './catalog.js';

export interface CatalogImportError {
  /** 1-based line in the file (the header is line 1 in TSV); for JSON, the product index + 1. */
  line: number;
  reason: string;
  sku?: string;
}

export interface CatalogImportResult {
  format: 'json' | 'tsv';
  products: Product[];
  errors: CatalogImportError[];
}

export interface CatalogImportOptions {
  format?: 'json' | 'tsv';
  /** Currency of the report's price column (the marketplace's); default USD. */
  currency?: Currency;
}

/** Detects the format (JSON starts with `[` or `{`) unless given. */
export function parseCatalogFile(text: string, options: CatalogImportOptions = {}): CatalogImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const format = options.format ?? (/^\s*[[{]/.test(body) ? 'json' : 'tsv');
  if (format === 'tsv') return parseListingsReport(body, options.currency ?? 'USD');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return { format, products: [], errors: [{ line: 1, reason: `not valid JSON: ${(err as Error).message}` }] };
  }
  const { products, problems } = validateCatalog(data);
  return { format, products, errors: problems.map((p) => ({ line: p.index + 1, reason: p.reason, ...(p.id ? { sku: p.id } : {}) })) };
}

/** Header names as sellers' files spell them ("seller-sku", "seller_sku", "Seller SKU"). */
const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_]+/g, '-');

/** Report columns that are bookkeeping, not product facts (never kept as attributes). */
const BOOKKEEPING = new Set(
  ('open-date image-url item-is-marketplace product-id-type zshop-shipping-fee item-note item-condition zshop-category1 zshop-browse-path ' +
    'zshop-storefront-feature asin1 asin2 asin3 will-ship-internationally expedited-shipping zshop-boldface product-id bid-for-featured-placement ' +
    'add-delete pending-quantity fulfillment-channel merchant-shipping-group status item-weight-unit-of-measure minimum-seller-allowed-price ' +
    'maximum-seller-allowed-price business-price quantity-price-type progressive-price-type').split(' '),
);
const KNOWN = new Set(['item-name', 'item-description', 'listing-id', 'seller-sku', 'sku', 'price', 'quantity', 'parent-sku', 'color-name', 'colour-name', 'size-name', 'material-type', 'item-weight', 'included-components', 'compatible-devices', 'care-instructions', 'warranty-description']);

const HAN = /\p{Script=Han}/u;
const inLang = (text: string): LangText => (HAN.test(text) ? { zh: text } : { en: text });
const GRAMS: Record<string, number> = { g: 1, gr: 1, grams: 1, kg: 1000, kilograms: 1000, lb: 453.592, lbs: 453.592, pounds: 453.592, oz: 28.3495, ounces: 28.3495 };

interface Row {
  line: number;
  get: (col: string) => string;
  extra: [string, string][];
}

function parseListingsReport(text: string, currency: Currency): CatalogImportResult {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map(norm);
  const errors: CatalogImportError[] = [];
  const col = (name: string) => header.indexOf(name);
  const skuCol = col('seller-sku') >= 0 ? col('seller-sku') : col('sku');
  for (const required of ['item-name', 'price']) if (col(required) < 0) errors.push({ line: 1, reason: `missing column ${required}` });
  if (skuCol < 0) errors.push({ line: 1, reason: 'missing column seller-sku' });
  if (errors.length > 0) return { format: 'tsv', products: [], errors };

  const groups = new Map<string, Row[]>();
  const seen = new Set<string>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const cells = raw.split('\t');
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const sku = (cells[skuCol] ?? '').trim();
    const fail = (reason: string) => errors.push({ line, reason, ...(sku ? { sku } : {}) });
    if (cells.length > header.length) return fail(`${cells.length} cells for ${header.length} columns (a tab inside a value?)`);
    if (!sku) return fail('seller-sku is empty');
    if (seen.has(sku)) return fail(`duplicate seller-sku ${sku}`);
    if (!get('item-name')) return fail('item-name is empty');
    const price = get('price');
    if (!/^\d+(?:[.,]\d{1,2})?$/.test(price)) return fail(`price "${price}" is not an amount`);
    const qty = get('quantity');
    if (qty !== '' && !/^\d+$/.test(qty)) return fail(`quantity "${qty}" is not a whole number`);
    const weight = get('item-weight');
    if (weight && !/^\d+(?:\.\d+)?$/.test(weight)) return fail(`item-weight "${weight}" is not a number`);
    seen.add(sku);
    const extra = header.flatMap((h, j): [string, string][] => (!KNOWN.has(h) && !BOOKKEEPING.has(h) && (cells[j] ?? '').trim() ? [[h, (cells[j] ?? '').trim()]] : []));
    const parent = get('parent-sku') || sku;
    groups.set(parent, [...(groups.get(parent) ?? []), { line, get, extra }]);
  });

  const products: Product[] = [];
  for (const [id, rows] of groups) {
    const first = rows[0]!;
    const name = first.get('item-name');
    const amount = (r: Row) => Number(r.get('price').replace(',', '.'));
    const options = (r: Row): Record<string, LangText> => {
      const o: Record<string, LangText> = {};
      const colour = r.get('color-name') || r.get('colour-name');
      if (colour) o.colour = inLang(colour);
      if (r.get('size-name')) o.size = inLang(r.get('size-name'));
      return o;
    };
    const unit = (first.get('item-weight-unit-of-measure') || 'g').toLowerCase();
    const grams = first.get('item-weight') ? Math.round(Number(first.get('item-weight')) * (GRAMS[unit] ?? 1)) : undefined;
    const product: Record<string, unknown> = {
      id,
      ...(first.get('listing-id') ? { listingId: first.get('listing-id') } : {}),
      title: inLang(name),
      ...(first.get('item-description') ? { description: inLang(first.get('item-description')) } : {}),
      price: { [currency]: amount(first) },
      variants: rows.map((r) => ({
        sku: r.get('seller-sku') || r.get('sku'),
        options: options(r),
        stock: Number(r.get('quantity') || '0'),
        ...(amount(r) !== amount(first) ? { price: { [currency]: amount(r) } } : {}),
      })),
      ...(grams ? { weightG: grams } : {}),
      ...(first.get('material-type') ? { materials: inLang(first.get('material-type')) } : {}),
      ...(first.get('included-components') ? { inTheBox: HAN.test(first.get('included-components')) ? { zh: first.get('included-components').split(/[;；]/).map((s) => s.trim()).filter(Boolean) } : { en: first.get('included-components').split(';').map((s) => s.trim()).filter(Boolean) } } : {}),
      ...(first.get('compatible-devices') ? { compatibility: inLang(first.get('compatible-devices')) } : {}),
      ...(first.get('care-instructions') ? { care: inLang(first.get('care-instructions')) } : {}),
      ...(first.get('warranty-description') ? { warranty: inLang(first.get('warranty-description')) } : {}),
      attributes: first.extra.map(([h, v]) => ({ name: inLang(h.replace(/-/g, ' ')), value: inLang(v) })),
    };
    const checked = validateCatalog([product]);
    if (checked.problems[0]) errors.push({ line: first.line, reason: checked.problems[0].reason, sku: id });
    else products.push(...checked.products);
  }
  errors.sort((a, b) => a.line - b.line);
  return { format: 'tsv', products, errors };
}
