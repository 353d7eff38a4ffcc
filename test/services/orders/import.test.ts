import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InMemoryOrderService,
  importOrders,
  parseOrdersFile,
  parseOrdersJson,
  parseOrdersTsv,
} from '../../../src/services/orders/index.js';
import { parseDecimalMoney } from '../../../src/services/orders/import.js';
import { makeOrder } from '../../policy/fixtures.js';

const REPORT = new URL('./fixtures/order-report.tsv', import.meta.url);

describe('TSV order report', () => {
  it('imports good rows (several rows = several items) and reports bad rows by line', async () => {
    const r = parseOrdersTsv(await readFile(REPORT, 'utf8'));
    expect(r.orders.map((o) => o.id)).toEqual(['114-1234567-7654321', '305-7654321-1234567']);
    const us = r.orders[0];
    expect(us).toMatchObject({
      status: 'shipped',
      buyerEmail: 'Jane.Doe@example.com',
      marketplace: 'US',
      region: 'NA',
      fulfilment: 'merchant',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      shippingCost: { amount: 499, currency: 'USD' },
      shippingAddress: { name: 'Jane Doe', line1: '12 Oak St', line2: 'Apt 3', city: 'Denver', region: 'CO', postalCode: '80203', countryCode: 'US' },
      latestDeliveryDate: '2025-06-09T23:59:59.000Z',
    });
    expect(us?.items).toEqual([
      { sku: 'MUG-01', title: 'Ceramic mug', quantity: 2, unitPrice: { amount: 1299, currency: 'USD' } },
      { sku: 'SPOON-02', title: 'Tea spoon set', quantity: 1, unitPrice: { amount: 950, currency: 'USD' } },
    ]);
    expect(r.orders[1]).toMatchObject({
      status: 'unshipped',
      marketplace: 'DE',
      region: 'EU',
      fulfilment: 'marketplace',
      items: [{ sku: 'BAG-03', unitPrice: { amount: 4990, currency: 'EUR' } }],
      // no promised dates in the row: default window after purchase
      earliestDeliveryDate: '2025-06-06T06:00:00.000Z',
      latestDeliveryDate: '2025-06-13T06:00:00.000Z',
    });
    expect(r.errors.map((e) => e.line)).toEqual([4, 7, 8]);
    expect(r.errors[0]?.reason).toContain('amazon-order-id "BAD-ID"');
    const bad = r.errors[1]?.reason ?? '';
    for (const part of ['purchase-date', 'buyer-email', 'quantity-purchased', 'item-price']) expect(bad).toContain(part);
    expect(r.errors[2]).toMatchObject({ line: 8, orderId: '114-1234567-7654321' });
    expect(r.errors[2]?.reason).toContain('currency EUR differs');
  });

  it('a missing required column fails the whole file on line 1', () => {
    const r = parseOrdersTsv('amazon-order-id\tpurchase-date\n114-1234567-7654321\t2025-06-01\n');
    expect(r.orders).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(1);
    expect(r.errors[0]?.reason).toContain('buyer-email');
  });

  it.each([
    ['19.99', 'USD', 1999],
    ['1,234.50', 'USD', 123450],
    ['19,99', 'EUR', 1999],
    ['1.234,50', 'EUR', 123450],
    ['1,234', 'USD', 123400],
    ['500', 'JPY', 500],
    ['7', 'USD', 700],
    ['0.5', 'USD', 50],
    ['abc', 'USD', undefined],
    ['1.2.3,4,5', 'USD', undefined],
    ['1.999', 'USD', undefined],
  ] as const)('amount %s %s → %s minor units', (text, currency, expected) => {
    expect(parseDecimalMoney(text, currency)).toBe(expected);
  });
});

describe('JSON orders', () => {
  it('imports valid orders and reports bad ones with their line', () => {
    const good = makeOrder({ id: '111-2222222-3333333' });
    const text = JSON.stringify([good, { ...good, id: 'nope', buyerEmail: 'x' }, good], null, 2);
    const r = parseOrdersFile(text);
    expect(r.format).toBe('json');
    expect(r.orders).toEqual([good]);
    expect(r.errors).toHaveLength(2);
    const lines = text.split('\n');
    expect(lines[(r.errors[0]?.line ?? 0) - 1]?.trim()).toBe('{');
    expect(lines[r.errors[0]?.line ?? 0]).toContain('"id": "nope"');
    expect(r.errors[0]?.reason).toContain('id');
    expect(r.errors[0]?.reason).toContain('buyerEmail');
    expect(r.errors[1]?.reason).toBe('duplicate order id');
    expect(r.errors[1]?.line).toBeGreaterThan(r.errors[0]?.line ?? 0);
  });

  it('accepts {"orders": [...]} and reports invalid JSON', () => {
    const good = makeOrder({ id: '111-2222222-3333333' });
    expect(parseOrdersJson(JSON.stringify({ orders: [good] })).orders).toHaveLength(1);
    expect(parseOrdersJson('[{').errors[0]?.reason).toContain('not valid JSON');
    expect(parseOrdersJson('42').errors[0]?.reason).toContain('expected an array');
  });
});

describe('importOrders and the CLI', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('puts parsed orders into the store (new and replaced counted)', async () => {
    const svc = new InMemoryOrderService({ orders: [makeOrder({ id: '114-1234567-7654321' })] });
    const r = await importOrders(svc, parseOrdersTsv(await readFile(REPORT, 'utf8')));
    expect(r).toMatchObject({ added: 1, updated: 1 });
    expect(r.errors).toHaveLength(3);
    expect((await svc.findById('305-7654321-1234567'))?.buyerEmail).toBe('max@example.de');
  });

  it('CLI imports into the data dir; the order store then finds the orders after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'import-'));
    dirs.push(dataDir);
    const good = makeOrder({ id: '111-2222222-3333333' });
    const file = join(dataDir, 'orders.in.json');
    await writeFile(file, JSON.stringify([good]));
    const run = promisify(execFile);
    const { stdout } = await run('npx', ['tsx', 'scripts/import-orders.ts', file, '--data-dir', dataDir], { cwd: process.cwd() });
    expect(stdout).toContain('1 added');
    expect(await new InMemoryOrderService({ dataDir }).findById(good.id)).toEqual(good);
    // bad rows: non-zero exit, line numbers printed, good rows kept
    const failed = await run('npx', ['tsx', 'scripts/import-orders.ts', REPORT.pathname, '--data-dir', dataDir]).catch(
      (err: unknown) => err,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect(String(failed instanceof Error && 'stdout' in failed ? failed.stdout : '')).toContain('line 4');
    expect(await new InMemoryOrderService({ dataDir }).findById('305-7654321-1234567')).toBeDefined();
  });
});
