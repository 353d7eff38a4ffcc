/**
 * Round 8 of issue 15, facts given early: a postcode given with a tracking question only verifies the buyer; its
 * label word ("zip", "postcode", "邮编") never turns the question into an address change. Both languages,
 * through the real app: the first reply is the parcel's status with its tracking number, and nothing is cancelled.
 * A postcode read out in words after its label ("the zip code is seven seven zero nine eight", "邮编是七七零九八") verifies.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const WHERE: Record<Lang, (item: string, id: string, postal: string) => string> = {
  en: (item, id, postal) => `hi!! wheres my ${item}, order ${id} zip ${postal}`,
  zh: (item, id, postal) => `我的${item}到哪了？订单${id} 邮编${postal}`,
};
const ITEM: Record<Lang, { bottles: string; mat: string }> = {
  en: { bottles: 'water botles', mat: 'yoga mat??' },
  zh: { bottles: '水杯', mat: '瑜伽垫' },
};

describe.each(LANGS)('a postcode given to verify is no address change (%s)', (lang) => {
  it.each([
    ['bottles', DEMO.onTime.id],
    ['mat', DEMO.returnedToSender.id],
  ] as const)('where is my %s, with order and postcode in one message: tracked at once', async (item, id) => {
    const h = await harness();
    const c = h.chat();
    const keys = await c.say(WHERE[lang](ITEM[lang][item], id, await postalOf(h, id)));
    expect(keys[0]).toMatch(/^track:/);
    expect(keys.some((k) => k.startsWith('address:'))).toBe(false);
    expect((await h.assistant.services.orders.findById(id))?.status).not.toBe('cancelled');
  });
});

const SPELT_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const SPELT_ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const READ_OUT: Record<Lang, { track: (id: string) => string; postcode: (spelt: string) => string; spell: (digits: string) => string }> = {
  en: {
    track: (id) => `I am trying to find out about a package. The order number is ${id}`,
    postcode: (spelt) => `I don't remember which email I used. The zip code is ${spelt}.`,
    spell: (digits) => [...digits].map((d) => SPELT_EN[Number(d)]).join(' '),
  },
  zh: {
    track: (id) => `我的包裹到哪了 订单号${id}`,
    postcode: (spelt) => `邮箱不记得了 邮编是${spelt}`,
    spell: (digits) => [...digits].map((d) => SPELT_ZH[Number(d)]).join(''),
  },
};

describe.each(LANGS)('a postcode read out in words verifies (%s)', (lang) => {
  it('"the zip code is seven seven zero nine eight" / "邮编是七七零九八" finishes the check and tracks the parcel', async () => {
    const h = await harness();
    const c = h.chat();
    const w = READ_OUT[lang];
    expect(await c.say(w.track(DEMO.late.id))).toEqual(['verify:askDetail']);
    const keys = await c.say(w.postcode(w.spell(await postalOf(h, DEMO.late.id))));
    expect(keys[0]).toMatch(/^track:/);
  });
});

const LABEL_SLIP: Record<Lang, { track: (id: string) => string; postcode: (code: string) => string }> = {
  en: { track: (id) => `where is my tea set, ordered 6 days ago, order ${id}`, postcode: (code) => `zip ${code}` },
  zh: { track: (id) => `你好我买的茶具怎么还没到啊都六天了订单号是${id}`, postcode: (code) => `油编${code}` },
};

describe.each(LANGS)('a postcode under a slipped label verifies (%s)', (lang) => {
  it('"油编100022" (邮编 as the input method typed it) finishes the check and tracks the parcel', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(LABEL_SLIP[lang].track(DEMO.slow.id))).toEqual(['verify:askDetail']);
    const keys = await c.say(LABEL_SLIP[lang].postcode(await postalOf(h, DEMO.slow.id)));
    expect(keys[0]).toMatch(/^track:/);
  });
});
