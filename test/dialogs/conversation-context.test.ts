/** The root's conversation-context rules on their own: when a message is only an order number. */
import { describe, expect, it } from 'vitest';
import type { UserSaid } from '../../dialogs/events.js';
import { onlyOrderFacts } from '../../dialogs/conversation-context.js';
import type { Lang } from '../../src/domain/lang.js';

const ORDER = '120-1936572-4408817';
const said = (text: string, lang: Lang): UserSaid => ({
  type: 'user.said',
  text,
  turnId: 't',
  now: '2026-11-18T15:00:00.000Z',
  lang,
  nlu: { intent: 'none', score: 0, entities: [{ type: 'orderId', value: ORDER }] },
});

describe('a bare order number (looked up read-only)', () => {
  it.each([
    [`${ORDER}`, 'en'],
    [`order # ${ORDER} pls`, 'en'],
    [`订单号 ${ORDER}`, 'zh'],
    [`我的订单 ${ORDER}`, 'zh'],
  ] as const)('%s is only the order', (text, lang) => {
    expect(onlyOrderFacts(said(text, lang))).toBe(true);
  });

  it.each([
    [`cancel ${ORDER}`, 'en'],
    [`取消订单 ${ORDER}`, 'zh'],
    [`退货 ${ORDER}`, 'zh'],
    [`改地址 ${ORDER}`, 'zh'],
  ] as const)('%s says what to do with it (a Chinese word is never noise)', (text, lang) => {
    expect(onlyOrderFacts(said(text, lang))).toBe(false);
  });
});
