import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, ReturnAuthorization } from '../../../src/domain/order.js';
import type { Lang } from '../../../src/domain/lang.js';
import {
  DEFAULT_CJK_FONTS,
  LABEL_TEXT_KEYS,
  LabelError,
  LocalReturnLabelService,
  labelTextFrom,
  type LabelText,
  type LocalReturnLabelOptions,
} from '../../../src/services/labels/index.js';
import { makeOrder } from '../tracking/order-fixture.js';
import { decodeCode128, inspectPdf } from './pdf-inspect.js';

const SECRET = 'label-test-secret';
const NOW = new Date('2025-03-10T08:00:00Z');
const RETURN_ADDRESS = {
  name: 'Acme Returns',
  line1: '500 Warehouse Way',
  city: 'Reno',
  region: 'NV',
  postalCode: '89501',
  countryCode: 'US',
};

async function localeText(lang: Lang): Promise<LabelText> {
  const raw: unknown = JSON.parse(await readFile(new URL(`../../../locales/${lang}/label.json`, import.meta.url), 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error('label.json is not an object');
  const dict = new Map(Object.entries(raw));
  return labelTextFrom((key) => {
    const value = dict.get(key);
    if (typeof value !== 'string') throw new Error(`missing ${lang} label key ${key}`);
    return value;
  });
}

const TEXTS: Record<Lang, LabelText> = { en: await localeText('en'), zh: await localeText('zh') };

function makeRma(overrides: Partial<ReturnAuthorization> = {}): ReturnAuthorization {
  return {
    rma: 'RMA-20250310-7Q4K',
    orderId: '112-3456789-1234567',
    skus: ['MUG-01'],
    reason: 'no_longer_needed',
    resolution: 'refund',
    returnShippingPaidBy: 'buyer',
    refundAmount: { amount: 2598, currency: 'USD' },
    createdAt: '2025-03-10T07:55:00Z',
    status: 'authorized',
    dropOffCode: 'DQ7-4KX2',
    ...overrides,
  };
}

let dir: string;
let warnings: string[];

function makeService(overrides: Partial<LocalReturnLabelOptions> = {}): LocalReturnLabelService {
  return new LocalReturnLabelService({
    dir,
    secret: SECRET,
    returnAddress: RETURN_ADDRESS,
    labelText: (lang) => TEXTS[lang],
    now: () => NOW,
    logger: { warn: (_obj: object, msg?: string) => warnings.push(msg ?? '') },
    ...overrides,
  });
}

function tokenOf(url: string): string {
  const match = /^\/labels\/([A-Za-z0-9_.-]+)\.pdf$/.exec(url);
  if (!match?.[1]) throw new Error(`not a label url: ${url}`);
  return match[1];
}

async function labelBytes(service: LocalReturnLabelService, url: string): Promise<Buffer> {
  const opened = await service.openLabel(tokenOf(url));
  if (!opened.ok) throw new Error(`label not served: ${opened.reason}`);
  return opened.pdf;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labels-'));
  warnings = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locale files', () => {
  it('en and zh label.json have exactly the label keys', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const raw: unknown = JSON.parse(await readFile(new URL(`../../../locales/${lang}/label.json`, import.meta.url), 'utf8'));
      expect(Object.keys(raw ?? {}).sort()).toEqual([...LABEL_TEXT_KEYS].sort());
    }
  });
});

describe('LocalReturnLabelService PDF content', () => {
  it('English label: RMA, both addresses, order, who pays, drop-off code, and a barcode that scans as the RMA', async () => {
    const service = makeService();
    const label = await service.createLabel(makeRma(), makeOrder(), { lang: 'en' });
    expect(label.rma).toBe('RMA-20250310-7Q4K');
    expect(label.url).toMatch(/^\/labels\/[A-Za-z0-9_.-]{40,}\.pdf$/);
    expect(label.expiresAt).toBe('2025-03-17T08:00:00.000Z');
    expect(await readdir(dir)).toEqual(['RMA-20250310-7Q4K.pdf']);

    const pdf = await inspectPdf(await labelBytes(service, label.url));
    expect(pdf.pages).toBe(1);
    for (const expected of [
      'Return label',
      'RMA-20250310-7Q4K',
      'Jane Doe',
      '1 Main St',
      'Seattle WA 98101',
      'Acme Returns',
      '500 Warehouse Way',
      'Reno NV 89501',
      'Order: 112-3456789-1234567',
      'Return postage: Buyer pays postage',
      'Drop-off code: DQ7-4KX2',
      '2 × Ceramic mug (MUG-01)',
      'Created: 10 March 2025',
    ]) {
      expect(pdf.text).toContain(expected);
    }
    expect(pdf.text).not.toContain('Prepaid by seller');
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-20250310-7Q4K']);
  });

  it('seller-fault return says the postage is prepaid, and omits the drop-off line when there is no code', async () => {
    const service = makeService();
    const rma = makeRma({ rma: 'RMA-2', returnShippingPaidBy: 'seller', reason: 'damaged', dropOffCode: undefined });
    const pdf = await inspectPdf(await labelBytes(service, (await service.createLabel(rma, makeOrder())).url));
    expect(pdf.text).toContain('Return postage: Prepaid by seller: no postage needed');
    expect(pdf.text).not.toContain('Buyer pays postage');
    expect(pdf.text).not.toContain('Drop-off code');
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-2']);
  });

  it('Chinese label prints in Chinese with the CJK font', async () => {
    const font = DEFAULT_CJK_FONTS.find((f) => existsSync(f.path));
    // Shipped through npm: no system font package is needed (`npm ci` is enough).
    if (!font) throw new Error(`the CJK font is missing; run npm ci (${DEFAULT_CJK_FONTS.map((f) => f.npmPackage).join(', ')})`);
    expect(font.path).toContain('node_modules');
    const service = makeService();
    expect(service.printsChinese).toBe(true);
    const order = makeOrder({
      shippingAddress: { name: '张伟', line1: '朝阳区建国路88号', city: '北京', postalCode: '100022', countryCode: 'CN' },
      // The source's title is English; the Chinese label prints the item's Chinese title.
      items: [{ sku: 'MUG-01', title: 'Ceramic mug', titles: { zh: '陶瓷马克杯' }, quantity: 1, unitPrice: { amount: 6900, currency: 'CNY' } }],
    });
    const rma = makeRma({ returnShippingPaidBy: 'seller' });
    const pdf = await inspectPdf(await labelBytes(service, (await service.createLabel(rma, order, { lang: 'zh' })).url));
    for (const expected of [
      '退货标签',
      '退货授权号（RMA）',
      'RMA-20250310-7Q4K',
      '寄件人',
      '张伟',
      '朝阳区建国路88号',
      '北京 100022',
      '收件人',
      'Acme Returns',
      '订单号：112-3456789-1234567',
      '退货运费：运费已由卖家预付，无需另付邮资',
      '寄件码：DQ7-4KX2',
      '1 × 陶瓷马克杯 (MUG-01)',
      '创建日期：2025年3月10日',
    ]) {
      expect(pdf.text).toContain(expected);
    }
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-20250310-7Q4K']);
    expect(warnings).toEqual([]);
  });

  it('without a CJK font a Chinese label falls back to English text, prints no garbage, and warns', async () => {
    const service = makeService({ cjkFont: null });
    expect(service.printsChinese).toBe(false);
    const order = makeOrder({
      shippingAddress: { name: '张伟', line1: '建国路88号', city: 'Beijing', postalCode: '100022', countryCode: 'CN' },
    });
    const pdf = await inspectPdf(await labelBytes(service, (await service.createLabel(makeRma(), order, { lang: 'zh' })).url));
    expect(pdf.text).toContain('Return label');
    expect(pdf.text).toContain('??');
    expect(pdf.text).toContain('???88?');
    expect(pdf.text).toContain('Beijing 100022');
    expect(pdf.text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-20250310-7Q4K']);
    expect(warnings.some((w) => w.includes('CJK'))).toBe(true);
  });

  it('long addresses and many items still fit one page: lines are cut, extra items counted', async () => {
    const service = makeService();
    const longTitle = 'Stainless steel insulated water bottle with an extra long marketplace product title, 1 litre';
    const order = makeOrder({
      shippingAddress: {
        name: 'Maximilian Alexander Featherstonehaugh-Worthington the Third of Somewhere Quite Far Away',
        line1: '12345 Extraordinarily Long Boulevard Name Northwest, Building 7, Entrance C, Door 4',
        line2: 'Suite 4000, Attention: Receiving Department, Floor 12, behind the blue gate',
        city: 'Seattle',
        region: 'WA',
        postalCode: '98101',
        countryCode: 'US',
      },
      items: Array.from({ length: 12 }, (_, i) => ({
        sku: `SKU-${i}`,
        title: longTitle,
        quantity: 1,
        unitPrice: { amount: 1000, currency: 'USD' },
      })),
    });
    const rma = makeRma({ skus: order.items.map((i) => i.sku) });
    const pdf = await inspectPdf(await labelBytes(service, (await service.createLabel(rma, order)).url));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('…');
    expect(pdf.text).toMatch(/\+\d+/);
    expect(pdf.text).toContain('Reno NV 89501');
    expect(pdf.text).toContain('Print this label');
    expect(pdf.images.map(decodeCode128)).toEqual(['RMA-20250310-7Q4K']);
  });

  it('a configured font path that does not exist also falls back with a warning', () => {
    const service = makeService({ cjkFont: { path: join(dir, 'missing.ttc') } });
    expect(service.printsChinese).toBe(false);
    expect(warnings.some((w) => w.includes('CJK font file missing'))).toBe(true);
  });
});

describe('LocalReturnLabelService storage', () => {
  it('renders once per RMA: later calls reuse the file and mint a fresh link', async () => {
    const service = makeService();
    const first = await service.createLabel(makeRma(), makeOrder(), { lang: 'en' });
    const file = service.labelFile('RMA-20250310-7Q4K');
    const before = await stat(file);
    const bytes = await readFile(file);
    const second = await service.createLabel(makeRma(), makeOrder(), { lang: 'zh' });
    expect(second.url).toBe(first.url); // same clock, same expiry → same token
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(file)).toEqual(bytes);
  });

  it('concurrent requests for one RMA leave exactly one complete file and no temp files', async () => {
    const service = makeService({ dir: join(dir, 'nested', 'labels') });
    const labels = await Promise.all([1, 2, 3, 4].map(() => service.createLabel(makeRma(), makeOrder())));
    expect(new Set(labels.map((l) => l.rma))).toEqual(new Set(['RMA-20250310-7Q4K']));
    expect(await readdir(join(dir, 'nested', 'labels'))).toEqual(['RMA-20250310-7Q4K.pdf']);
    const pdf = await readFile(join(dir, 'nested', 'labels', 'RMA-20250310-7Q4K.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
  });

  it('refuses RMAs that could escape the directory, and RMAs of another order', async () => {
    const service = makeService();
    const evil = service.createLabel(makeRma({ rma: '../../etc/passwd' }), makeOrder());
    await expect(evil).rejects.toBeInstanceOf(LabelError);
    await expect(evil).rejects.toMatchObject({ code: 'LABEL_INVALID_RMA' });
    const other: Order = makeOrder({ id: '999-0000000-0000000' });
    await expect(service.createLabel(makeRma(), other)).rejects.toMatchObject({ code: 'LABEL_ORDER_MISMATCH' });
    expect(await readdir(dir)).toEqual([]);
  });
});
