import { describe, expect, it } from 'vitest';
import { extractEntities, parseChineseNumber } from '../../src/nlu/index.js';
import { extractDates } from '../../src/nlu/dates.js';
import type { Entity, EntityType } from '../../src/nlu/types.js';
import type { Lang } from '../../src/domain/lang.js';

// Wednesday 12 March 2025, 10:00 UTC.
const NOW = new Date('2025-03-12T10:00:00Z');

const of = (text: string, lang: Lang, type: EntityType): string[] =>
  extractEntities(text, lang, NOW)
    .filter((e: Entity) => e.type === type)
    .map((e) => e.value);

describe('order ids', () => {
  it.each([
    ['my order 112-3456789-1234567 is late', 'en', ['112-3456789-1234567']],
    ['order 112 3456789 1234567', 'en', ['112-3456789-1234567']],
    ['11234567891234567', 'en', ['112-3456789-1234567']],
    ['order #88123456 please', 'en', ['88123456']],
    ['我的order 112-3456789-1234567 怎么还没到', 'zh', ['112-3456789-1234567']],
    ['订单号 123456 还没发货', 'zh', ['123456']],
    ['订单1122334455的地址', 'zh', ['1122334455']],
    ['my phone is 13812345678', 'en', []],
    ['zip 94103', 'en', []],
  ] as const)('%s', (text, lang, expected) => {
    expect(of(text, lang, 'orderId')).toEqual(expected);
  });

  // A short number the buyer calls an order number is passed on as one (verification rejects it if
  // the order system does not know it), never turned into a postal code.
  it.each([
    ['cancel order 12345', 'en'],
    ['where is order #54321?', 'en'],
    ['my order number is 12345', 'en'],
    ['Order no. 12345 never arrived', 'en'],
    ['order: 12345', 'en'],
    ['my order is 12345', 'en'],
    ['my order 12345 has the wrong zip', 'en'],
    ['订单12345还没到', 'zh'],
    ['订单号是12345', 'zh'],
    ['订单号：12345，帮我取消', 'zh'],
    ['我的订单是12345', 'zh'],
    ['单号 54321 查一下物流', 'zh'],
  ] as const)('5-digit order number: %s', (text, lang) => {
    const ids = extractEntities(text, lang, NOW).filter((e) => e.type === 'orderId' || e.type === 'postalCode');
    expect(ids).toHaveLength(1);
    expect(ids[0]?.type).toBe('orderId');
    expect(ids[0]?.value).toMatch(/^\d{5}$/);
  });
});

describe('emails, postal codes, RMA numbers', () => {
  it('normalises emails to lower case', () => {
    expect(of('email me at Jo.Doe@Example.com, thanks', 'en', 'email')).toEqual(['jo.doe@example.com']);
    expect(of('邮箱 tom_b@mail.co.uk', 'zh', 'email')).toEqual(['tom_b@mail.co.uk']);
  });
  it.each([
    ['zip 94103', 'en', ['94103']],
    ['Austin TX 78701-1234', 'en', ['78701-1234']],
    ['London sw1a 2aa', 'en', ['SW1A 2AA']],
    ['Hauptstraße 12, 80331 München', 'en', ['80331']],
    ['邮编100080，北京市海淀区', 'zh', ['100080']],
    ['邮编应该是200120，不是200210', 'zh', ['200120', '200210']],
    // Postal words still win next to an order: the number after zip/邮编 is the postcode.
    ['the zip for my order is 10001', 'en', ['10001']],
    ['change the zip on order 12345 to 10001', 'en', ['10001']],
    ['my order should go to 10001', 'en', ['10001']],
    ['zip code: 94103', 'en', ['94103']],
    ['订单12345的邮编改成10001', 'zh', ['10001']],
    ['我订单上的邮编是200120', 'zh', ['200120']],
    ['the postcode on my order is 200120', 'en', ['200120']],
    ['邮编 10001', 'zh', ['10001']],
  ] as const)('%s', (text, lang, expected) => {
    expect(of(text, lang, 'postalCode')).toEqual(expected);
  });
  it.each([
    ['change the zip on order 12345 to 10001', 'en'],
    ['订单12345的邮编改成10001', 'zh'],
  ] as const)('reads the order number and the postcode in one message: %s', (text, lang) => {
    expect(of(text, lang, 'orderId')).toEqual(['12345']);
    expect(of(text, lang, 'postalCode')).toEqual(['10001']);
  });
  it('keeps an ambiguous bare 6-digit number neutral', () => {
    expect(of('it is 123456', 'en', 'postalCode')).toEqual([]);
    expect(of('it is 123456', 'en', 'orderId')).toEqual([]);
    expect(of('it is 123456', 'en', 'number')).toEqual(['123456']);
  });
  it('reads RMA numbers in any case', () => {
    expect(of('status of rma-ab12cd34ef?', 'en', 'rma')).toEqual(['RMA-AB12CD34EF']);
  });
});

describe('return reasons', () => {
  it.each([
    ['the shoes are too small', 'en', 'wrong_size_or_colour'],
    ['it arrived broken', 'en', 'damaged'],
    ['it stopped working after a week', 'en', 'defective'],
    ['this is not what I ordered', 'en', 'wrong_item'],
    ["these aren't the ones I ordered", 'en', 'wrong_item'],
    ['this isnt what i paid for', 'en', 'wrong_item'],
    ['you sent a totally different product', 'en', 'wrong_item'],
    ['寄成别的型号了', 'zh', 'wrong_item'],
    ['I changed my mind', 'en', 'no_longer_needed'],
    ['the charger is missing', 'en', 'missing_parts'],
    ['鞋子尺码不对，太小了', 'zh', 'wrong_size_or_colour'],
    ['音箱坏了', 'zh', 'defective'],
    ['收到就是碎的，外壳裂了', 'zh', 'damaged'],
    ['发错货了', 'zh', 'wrong_item'],
    ['不想要了', 'zh', 'no_longer_needed'],
  ] as const)('%s → %s', (text, lang, reason) => {
    expect(of(text, lang, 'returnReason')).toEqual([reason]);
  });
  it('gives no reason when none is stated', () => {
    expect(of('where is my order', 'en', 'returnReason')).toEqual([]);
  });
});

describe('dates relative to now', () => {
  it.each([
    ['I ordered yesterday', 'en', '2025-03-11'],
    ['bought it last Friday', 'en', '2025-03-07'],
    ['3 days ago', 'en', '2025-03-09'],
    ['on March 3', 'en', '2025-03-03'],
    ['昨天下的单', 'zh', '2025-03-11'],
    ['上周五买的', 'zh', '2025-03-07'],
    ['3天前', 'zh', '2025-03-09'],
    ['三天前', 'zh', '2025-03-09'],
    ['2025年3月1日', 'zh', '2025-03-01'],
  ] as const)('%s → %s', (text, lang, iso) => {
    expect(of(text, lang, 'date')).toEqual([iso]);
  });
  it('uses the buyer time zone when given', () => {
    // 23:30 UTC on the 11th is already the 12th in Shanghai: "yesterday" is then the 11th.
    const late = new Date('2025-03-11T23:30:00Z');
    expect(extractEntities('昨天', 'zh', late, { timeZone: 'Asia/Shanghai' })).toEqual([{ type: 'date', value: '2025-03-11' }]);
    expect(extractEntities('昨天', 'zh', late)).toEqual([{ type: 'date', value: '2025-03-10' }]);
  });
});

describe('amounts and Chinese numerals', () => {
  it.each([
    ['I paid $12.50', 'en', '12.50 USD'],
    ['it cost 20 euros', 'en', '20.00 EUR'],
    ['£5 shipping', 'en', '5.00 GBP'],
    ['12.5美元', 'zh', '12.50 USD'],
    ['花了五十块', 'zh', '50.00 CNY'],
    ['¥199', 'zh', '199.00 CNY'],
  ] as const)('%s → %s', (text, lang, value) => {
    expect(of(text, lang, 'amount')).toEqual([value]);
  });
  it.each([
    ['三十', 30],
    ['十五', 15],
    ['两百五', 250],
    ['一百零五', 105],
    ['一万二', 12000],
    ['三千四百五十六', 3456],
  ] as const)('%s = %d', (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });
  it('extracts counted Chinese numbers', () => {
    expect(of('买了三十个', 'zh', 'number')).toEqual(['30']);
  });
});

describe('relative dates around midnight in the shop zone', () => {
  it('"today" moves to the new day at the zone’s midnight, also when asked in the same busy minute before', () => {
    const today = (iso: string, zone: string) => extractDates('it arrived today', 'en', new Date(iso), zone)[0]?.value;
    // 23:59:30 and 23:59:59 in Shanghai (UTC+8) are the same minute and day; one second later is the next day.
    expect(today('2026-12-01T15:59:30.000Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(today('2026-12-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(today('2026-12-01T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-02');
    // A zone 5:45 from UTC: its days also start on a whole UTC minute.
    expect(today('2026-12-01T18:14:59.000Z', 'Asia/Kathmandu')).toBe('2026-12-01');
    expect(today('2026-12-01T18:15:00.000Z', 'Asia/Kathmandu')).toBe('2026-12-02');
    // Another zone in the same minute is not given Shanghai's answer.
    expect(today('2026-12-01T16:00:10.000Z', 'America/New_York')).toBe('2026-12-01');
  });
});
