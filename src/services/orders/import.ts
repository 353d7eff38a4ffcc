/**
 * Bring a seller's own orders into the order store: a JSON array of `Order`, or the marketplace's
 * tab-separated order report (one row per item). Bad rows are reported with their line number and
 * skipped; good rows still import.
 */
import { z } from 'zod';
import type { Order, OrderStatus } from '../../domain/order.js';
import { ORDER_ID_PATTERN } from '../../domain/order.js';
import { OrderSchema } from './schema.js';

export interface ImportError {
  /** 1-based line in the file (the header is line 1 in TSV). */
  line: number;
  reason: string;
  orderId?: string;
}

export interface ImportResult {
  format: 'json' | 'tsv';
  orders: Order[];
  errors: ImportError[];
}

export interface ImportOptions {
  format?: 'json' | 'tsv';
  /**
   * Reports without promised delivery dates get this window after purchase (days), so lateness
   * can still be judged. Default 3 to 10 days.
   */
  defaultDeliveryDays?: { earliest: number; latest: number };
}

/** Detects the format (JSON starts with `[` or `{`) unless given. */
export function parseOrdersFile(text: string, options: ImportOptions = {}): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const format = options.format ?? (/^\s*[[{]/.test(body) ? 'json' : 'tsv');
  return format === 'json' ? parseOrdersJson(body) : parseOrdersTsv(body, options);
}

// ---------- JSON ----------

/** Start line of each element of the top-level array (or of its `orders` array). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectValue = false;
  let arrayDepth = -1;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === arrayDepth && expectValue && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      // the element array is the first array opened at depth 1 or 2
      if (ch === '[' && arrayDepth === -1 && depth <= 2) {
        arrayDepth = depth;
        expectValue = true;
      }
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === arrayDepth) expectValue = true;
  }
  return lines;
}

export function parseOrdersJson(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { format: 'json', orders: [], errors: [{ line: 1, reason: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null && 'orders' in data && Array.isArray(data.orders)
      ? data.orders
      : undefined;
  if (!list) return { format: 'json', orders: [], errors: [{ line: 1, reason: 'expected an array of orders (or {"orders": [...]})' }] };
  const lines = elementLines(text);
  const orders: Order[] = [];
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, index) => {
    const line = lines[index] ?? 1;
    const parsed = OrderSchema.safeParse(raw);
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : undefined;
    const idRef = id !== undefined ? { orderId: id } : {};
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(order)'}: ${i.message}`).join('; ');
      errors.push({ line, reason, ...idRef });
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push({ line, reason: 'duplicate order id', ...idRef });
      return;
    }
    seen.add(parsed.data.id);
    orders.push(parsed.data);
  });
  return { format: 'json', orders, errors };
}

// ---------- TSV (marketplace order report) ----------

const REQUIRED_COLUMNS = [
  'purchase-date',
  'buyer-email',
  'sku',
  'quantity-purchased',
  'item-price',
  'currency',
  'ship-address-1',
  'ship-city',
  'ship-postal-code',
  'ship-country',
] as const;

const EU_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

const STATUS_MAP: Record<string, OrderStatus> = {
  pending: 'pending',
  unshipped: 'unshipped',
  partiallyshipped: 'shipped',
  shipped: 'shipped',
  delivered: 'delivered',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  returned: 'returned',
};

const SALES_CHANNELS: Record<string, string> = {
  'amazon.com': 'US',
  'amazon.ca': 'CA',
  'amazon.com.mx': 'MX',
  'amazon.co.uk': 'UK',
  'amazon.de': 'DE',
  'amazon.fr': 'FR',
  'amazon.it': 'IT',
  'amazon.es': 'ES',
  'amazon.nl': 'NL',
  'amazon.co.jp': 'JP',
  'amazon.cn': 'CN',
  'amazon.com.au': 'AU',
};

function regionOf(country: string): Order['region'] {
  if (EU_COUNTRIES.has(country)) return 'EU';
  if (country === 'GB') return 'UK';
  if (country === 'US' || country === 'CA' || country === 'MX') return 'NA';
  if (country === 'CN') return 'CN';
  return 'APAC';
}

/** Digits after the decimal point for a currency (JPY 0, USD 2); throws RangeError for an unknown code. */
const digitsByCurrency = new Map<string, number>();
function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * "19.99", "1,234.50", "19,99", "1.234,50" → minor units, without floating-point rounding.
 * Returns undefined for anything else.
 */
export function parseDecimalMoney(text: string, currency: string): number | undefined {
  const s = text.trim().replace(/\s/g, '');
  if (!/^-?[\d.,]+$/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalSep: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalSep = /,\d{1,2}$/.test(s) && (s.match(/,/g) ?? []).length === 1 ? ',' : undefined;
  else if (lastDot >= 0) decimalSep = (s.match(/\./g) ?? []).length === 1 ? '.' : undefined;
  const thousandSep = decimalSep === ',' ? '.' : ',';
  const cleaned = s.split(thousandSep).join('');
  const [intPart = '', fracPart = '', ...rest] = decimalSep ? cleaned.split(decimalSep) : [cleaned];
  if (rest.length > 0 || !/^-?\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return undefined;
  const digits = minorDigits(currency);
  if (fracPart.length > digits && /[1-9]/.test(fracPart.slice(digits))) return undefined;
  const negative = intPart.startsWith('-');
  const minor = Number(intPart.replace('-', '')) * 10 ** digits + Number((fracPart + '0'.repeat(digits)).slice(0, digits) || '0');
  return negative ? -minor : minor;
}

interface Row {
  line: number;
  get(column: string): string;
}

const EmailSchema = z.email();

const isoOrUndefined = (v: string): string | undefined => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);

export function parseOrdersTsv(text: string, options: ImportOptions = {}): ImportResult {
  const rawLines = text.split(/\r?\n/);
  const header = (rawLines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const index = new Map(header.map((h, i) => [h, i]));
  const idColumn = index.has('amazon-order-id') ? 'amazon-order-id' : 'order-id';
  const missing = [idColumn, ...REQUIRED_COLUMNS].filter((c) => !index.has(c));
  if (missing.length > 0) {
    return { format: 'tsv', orders: [], errors: [{ line: 1, reason: `missing column(s): ${missing.join(', ')}` }] };
  }
  const window = options.defaultDeliveryDays ?? { earliest: 3, latest: 10 };
  const errors: ImportError[] = [];
  const orders = new Map<string, Order>();
  const DAY = 24 * 60 * 60 * 1000;

  for (let i = 1; i < rawLines.length; i++) {
    const lineText = rawLines[i] ?? '';
    if (lineText.trim() === '') continue;
    const cells = lineText.split('\t');
    const row: Row = { line: i + 1, get: (c) => (cells[index.get(c) ?? -1] ?? '').trim() };
    const problems: string[] = [];
    const id = row.get(idColumn);
    if (!ORDER_ID_PATTERN.test(id)) problems.push(`${idColumn} "${id}" is not an order id like 123-1234567-1234567`);
    const purchasedAt = isoOrUndefined(row.get('purchase-date'));
    if (!purchasedAt) problems.push(`purchase-date "${row.get('purchase-date')}" is not a date`);
    const email = row.get('buyer-email');
    if (!EmailSchema.safeParse(email).success) problems.push(`buyer-email "${email}" is not an email address`);
    const sku = row.get('sku');
    if (!sku) problems.push('sku is empty');
    const qtyText = row.get('quantity-purchased');
    const quantity = /^\d+$/.test(qtyText) ? Number(qtyText) : NaN;
    if (!(quantity > 0)) problems.push(`quantity-purchased "${qtyText}" is not a positive whole number`);
    const currency = row.get('currency').toUpperCase();
    let lineTotal: number | undefined;
    let shipping: number | undefined = 0;
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not an ISO-4217 code`);
    else {
      try {
        lineTotal = parseDecimalMoney(row.get('item-price'), currency);
        if (lineTotal === undefined || lineTotal < 0) problems.push(`item-price "${row.get('item-price')}" is not an amount`);
        const shipText = row.get('shipping-price');
        shipping = shipText ? parseDecimalMoney(shipText, currency) : 0;
        if (shipping === undefined || shipping < 0) problems.push(`shipping-price "${shipText}" is not an amount`);
      } catch {
        problems.push(`currency "${currency}" is unknown`);
      }
    }
    const country = row.get('ship-country').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) problems.push(`ship-country "${country}" is not a 2-letter country code`);
    for (const c of ['ship-address-1', 'ship-city', 'ship-postal-code'] as const) if (!row.get(c)) problems.push(`${c} is empty`);
    const name = row.get('recipient-name') || row.get('buyer-name');
    if (!name) problems.push('recipient-name and buyer-name are both empty');
    const statusText = row.get('order-status').toLowerCase().replace(/[\s_-]/g, '');
    const trackingNumber = row.get('tracking-number');
    const status: OrderStatus | undefined = statusText ? STATUS_MAP[statusText] : trackingNumber ? 'shipped' : 'unshipped';
    if (!status) problems.push(`order-status "${row.get('order-status')}" is not known`);
    const dateProblems = (['ship-date', 'delivery-date', 'earliest-delivery-date', 'latest-delivery-date'] as const).filter(
      (c) => row.get(c) !== '' && isoOrUndefined(row.get(c)) === undefined,
    );
    for (const c of dateProblems) problems.push(`${c} "${row.get(c)}" is not a date`);

    const existing = orders.get(id);
    if (existing && existing.items[0]?.unitPrice.currency !== currency) problems.push(`currency ${currency} differs from the order's other rows`);
    if (existing && existing.items.some((it) => it.sku === sku)) problems.push(`sku ${sku} appears twice in this order`);

    if (problems.length > 0 || !purchasedAt || lineTotal === undefined || shipping === undefined || !status) {
      errors.push({ line: row.line, reason: problems.join('; '), ...(id ? { orderId: id } : {}) });
      continue;
    }
    const item = {
      sku,
      title: row.get('product-name') || sku,
      quantity,
      // the report's item-price is the line total (price × quantity)
      unitPrice: { amount: Math.round(lineTotal / quantity), currency },
    };
    if (existing) {
      existing.items.push(item);
      existing.shippingCost.amount += shipping;
      continue;
    }
    const channel = SALES_CHANNELS[row.get('sales-channel').toLowerCase()];
    const fulfilmentText = row.get('fulfillment-channel').toLowerCase();
    const purchaseMs = Date.parse(purchasedAt);
    const earliest =
      isoOrUndefined(row.get('earliest-delivery-date')) ??
      isoOrUndefined(row.get('delivery-start-date')) ??
      new Date(purchaseMs + window.earliest * DAY).toISOString();
    const latest =
      isoOrUndefined(row.get('latest-delivery-date')) ??
      isoOrUndefined(row.get('delivery-end-date')) ??
      isoOrUndefined(row.get('promise-date')) ??
      new Date(purchaseMs + window.latest * DAY).toISOString();
    const shippedAt = isoOrUndefined(row.get('ship-date'));
    const deliveredAt = isoOrUndefined(row.get('delivery-date'));
    const line2 = [row.get('ship-address-2'), row.get('ship-address-3')].filter(Boolean).join(', ');
    const buyerName = row.get('buyer-name');
    const carrier = row.get('carrier');
    const phone = row.get('ship-phone-number');
    const state = row.get('ship-state');
    const order: Order = {
      id,
      purchasedAt,
      status,
      items: [item],
      shippingCost: { amount: shipping, currency },
      shippingAddress: {
        name,
        line1: row.get('ship-address-1'),
        ...(line2 ? { line2 } : {}),
        city: row.get('ship-city'),
        ...(state ? { region: state } : {}),
        postalCode: row.get('ship-postal-code'),
        countryCode: country,
        ...(phone ? { phone } : {}),
      },
      buyerEmail: email,
      ...(buyerName ? { buyerName } : {}),
      ...(carrier ? { carrier } : {}),
      ...(trackingNumber ? { trackingNumber } : {}),
      ...(shippedAt ? { shippedAt } : {}),
      ...(deliveredAt ? { deliveredAt } : {}),
      earliestDeliveryDate: earliest,
      latestDeliveryDate: latest,
      fulfilment: fulfilmentText === 'amazon' || fulfilmentText === 'afn' ? 'marketplace' : 'merchant',
      marketplace: channel ?? (country === 'GB' ? 'UK' : country),
      region: regionOf(country),
    };
    orders.set(id, order);
  }
  return { format: 'tsv', orders: [...orders.values()], errors };
}

/** Put parsed orders into a store that accepts them (the embedded order service does). */
export async function importOrders(
  store: { upsertOrders(orders: Order[]): Promise<{ added: number; updated: number }> },
  result: ImportResult,
): Promise<{ added: number; updated: number; errors: ImportError[] }> {
  const counts = await store.upsertOrders(result.orders);
  return { ...counts, errors: result.errors };
}
