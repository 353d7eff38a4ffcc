/** Buyer-facing sentences the widget issue named, rendered in both languages. */
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { demoOrders } from '../../src/services/orders/demo-orders.js';
import { itemTitle } from '../../src/domain/order.js';

describe('buyer texts', () => {
  it('the queue message tells a buyer who is first that they are first (en and zh)', async () => {
    const i18n = await createI18n();
    const zh = i18n.getFixedT('zh', 'handoff');
    const en = i18n.getFixedT('en', 'handoff');
    const first = zh('queued', { position: 1, minutes: 3 });
    expect(first).toContain('第 1 位');
    expect(first).not.toMatch(/前面还有\s*1/);
    expect(zh('queued', { position: 3, minutes: 9 })).toContain('第 3 位');
    expect(en('queued', { position: 1, minutes: 3 })).toContain('number 1 in the queue');
  });
});

describe('demo order titles', () => {
  it('every demo item has a Chinese title, and itemTitle picks the buyer language with the source title as fallback', () => {
    const orders = demoOrders(new Date('2026-01-01T00:00:00Z'));
    const items = orders.flatMap((o) => o.items);
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      expect(itemTitle(item, 'zh')).toMatch(/\p{Script=Han}/u);
      expect(itemTitle(item, 'en')).toBe(item.title);
    }
    expect(itemTitle({ title: 'Only English' }, 'zh')).toBe('Only English');
  });
});
