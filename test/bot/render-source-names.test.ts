/**
 * The renderer picks source data in the turn's language: item titles, carrier names, tracking places
 * and addresses (formatted per country). Dialogs pass the data; only here does it become words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { i18n } from 'i18next';
import { createRenderer, type Renderer } from '../../src/bot/render.js';
import { carrierName } from '../../src/domain/carriers.js';
import type { Address } from '../../src/domain/order.js';
import { itemTitleValue, type Reply } from '../../src/domain/reply.js';
import { createI18n } from '../../src/i18n/index.js';

let renderer: Renderer;
beforeAll(async () => {
  const i: i18n = await createI18n();
  renderer = createRenderer(i);
});

const ATLANTA: Address = { name: 'B', line1: '1220 Spring St NW', line2: 'Apt 3', city: 'Atlanta', region: 'GA', postalCode: '30309', countryCode: 'US' };
const SHANGHAI: Address = { name: 'B', line1: '上海市浦东新区张杨路500号12楼', city: '上海市', postalCode: '200122', countryCode: 'CN' };
const KETTLE = { title: 'Glass electric kettle 1.7 L', titles: { en: 'Glass electric kettle 1.7 L', zh: '玻璃电热水壶 1.7 升' } };

const text = (reply: Reply, lang: 'en' | 'zh'): string => renderer.render([reply], lang)[0]?.text ?? '';

describe('source data in the buyer\'s language', () => {
  it('an address reads back per its country in both languages; neither garbled form appears', () => {
    for (const lang of ['en', 'zh'] as const) {
      const us = text({ key: 'address:confirmNew', values: { address: { address: ATLANTA } } }, lang);
      expect(us).toContain('1220 Spring St NW, Apt 3\nAtlanta, GA 30309');
      expect(us).not.toContain('30309 Atlanta GA');
      const cn = text({ key: 'address:confirmNew', values: { address: { address: SHANGHAI } } }, lang);
      expect(cn).toContain('200122\n上海市浦东新区张杨路500号12楼');
      expect(cn).not.toMatch(/，，|中国|200122 上海市/);
    }
  });

  it('an item title in the buyer\'s language, in text and on buttons; the source title where no translation exists', () => {
    const reply: Reply = {
      key: 'cancel:confirm',
      values: { orderId: '1', title: itemTitleValue(KETTLE), total: { amount: 100, currency: 'USD' } },
      suggestions: [{ key: 'returns:itemChoice', values: { title: itemTitleValue(KETTLE), quantity: 1 }, choice: 'item:x' }],
    };
    const [zh] = renderer.render([reply], 'zh');
    expect(zh?.text).toContain('玻璃电热水壶 1.7 升');
    expect(zh?.text).not.toContain('kettle');
    expect(zh?.activity.suggestedActions?.actions[0]?.title).toBe('玻璃电热水壶 1.7 升（×1）');
    expect(text(reply, 'en')).toContain('Glass electric kettle 1.7 L');
    expect(text({ key: 'cancel:confirm', values: { title: itemTitleValue({ title: 'Only English' }) } }, 'zh')).toContain('Only English');
  });

  it('carriers by their Chinese names; unknown carriers keep the source spelling', () => {
    expect(carrierName('SF Express', 'zh')).toBe('顺丰速运');
    expect(carrierName('Royal Mail', 'zh')).toBe('英国皇家邮政（Royal Mail）');
    expect(carrierName('Amazon Logistics', 'zh')).toBe('亚马逊物流（Amazon Logistics）');
    expect(carrierName('UPS', 'zh')).toBe('UPS');
    expect(carrierName('SF Express', 'en')).toBe('SF Express');
    expect(carrierName('Acme Freight', 'zh')).toBe('Acme Freight');
    const zh = text({ key: 'address:shippedFullRefund', values: { orderId: '1', carrier: { carrier: 'SF Express' }, refund: { amount: 100, currency: 'CNY' } } }, 'zh');
    expect(zh).toContain('顺丰速运');
    expect(zh).not.toContain('SF Express');
  });

  it('the tracking card: carrier, places and item titles per language', () => {
    const events = [{ at: '2026-11-18T10:00:00Z', code: 'arrived_at_hub', location: 'Memphis, TN, US', locations: { en: 'Memphis, TN, US', zh: '美国田纳西州孟菲斯' } }];
    const card = (lang: 'en' | 'zh'): string =>
      JSON.stringify(renderer.render([{ key: 'track:cancelled', values: { orderId: '1' }, card: { kind: 'trackingTimeline', orderId: '1', carrier: 'USPS', trackingNumber: '9', events } }], lang)[0]?.activity.attachments?.[0]?.content);
    expect(card('zh')).toContain('美国田纳西州孟菲斯');
    // The carrier's brand stays beside its Chinese name: it is what the label and the carrier's site show.
    expect(card('zh')).toContain('美国邮政（USPS）');
    expect(card('zh')).not.toMatch(/Memphis/);
    expect(card('en')).toContain('Memphis, TN, US');
    expect(card('en')).toContain('USPS');
    const summary = (lang: 'en' | 'zh'): string =>
      JSON.stringify(
        renderer.render(
          [{ key: 'track:cancelled', values: { orderId: '1' }, card: { kind: 'orderSummary', orderId: '1', status: 'delivered', purchasedAt: '2026-11-01', items: [{ ...KETTLE, quantity: 1, unitPrice: { amount: 100, currency: 'USD' } }], total: { amount: 100, currency: 'USD' } } }],
          lang,
        )[0]?.activity.attachments?.[0]?.content,
      );
    expect(summary('zh')).toContain('玻璃电热水壶 1.7 升');
    expect(summary('zh')).not.toContain('kettle');
    expect(summary('en')).toContain('Glass electric kettle 1.7 L');
  });
});
