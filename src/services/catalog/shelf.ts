/**
 * A few demo-catalog products for the demo store page (title and price per language), so "this
 * one" can be tried on a page that passes its product id to the widget.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../domain/lang.js';
import { textIn, validateCatalog, type Product } from './catalog.js';
import { formatMoney } from './facts.js';

const DEMO_CATALOG = fileURLToPath(new URL('../../../data/catalog/demo-catalog.json', import.meta.url));
/** Products shown on the demo page: ones the demo orders and the blind questions talk about. */
const SHELF = ['LAMP-DESK-LED', 'SPK-BT-MINI', 'PAN-CAST-26', 'JACKET-RAIN'];

let cache: Product[] | undefined;

export interface ShelfItem {
  id: string;
  title: string;
  price: string;
}

export function demoShelf(lang: Lang): ShelfItem[] {
  cache ??= validateCatalog(JSON.parse(readFileSync(DEMO_CATALOG, 'utf8'))).products.filter((p) => SHELF.includes(p.id));
  const currency = lang === 'zh' ? 'CNY' : 'USD';
  return cache.map((p) => ({ id: p.id, title: textIn(p.title, lang) ?? p.id, price: p.price[currency] !== undefined ? formatMoney(p.price[currency], currency, lang) : '' }));
}
