/**
 * Round 4 blind5 class: the item and reason a buyer gives in the first message, before the order number,
 * fill the return once the order is verified (no "which item?" / "why?" already answered), both languages;
 * the return itself is asserted.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

interface Words {
  correctedColour: string;
  duplicate: string;
  tooTight: (id: string, postal: string) => string;
}

const W: Record<Lang, Words> = {
  en: {
    correctedColour: 'need to send back the skillet - no wait, I mean the spatula set. I chose the red one and wanted the grey',
    duplicate: 'return please, the spatulas, turns out I already have one at home',
    tooTight: (id, postal) => `the rain jacket is too tight, want to swap it for an L. order ${id}, postcode ${postal}`,
  },
  zh: {
    correctedColour: '我要退锅 不对 是那套铲子 颜色选错了',
    duplicate: '退一下那个刮刀 家里已经有一把了',
    tooTight: (id, postal) => `雨衣M码穿上有点小 想换个L码 ${id} 邮编${postal}`,
  },
};

const asked = (keys: string[]) => keys.filter((k) => k === 'returns:askItems' || k === 'returns:askReason');

describe.each(LANGS)('facts said before verification fill the return (%s)', (lang) => {
  const w = W[lang];

  it('a self-corrected item and a picked-the-wrong-colour reason: the later item, buyer-pays terms at once, return created', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.correctedColour);
    const id = DEMO.delivered5d.id;
    const keys = await c.say(`${id} ${await postalOf(h, id)}`);
    expect(asked(keys)).toEqual([]);
    expect(keys.some((k) => k.startsWith('returns:offerBuyerPays'))).toBe(true);
    await c.choose('opt:refund');
    const order = await h.assistant.services.orders.findById(id);
    const spatula = order?.items.find((i) => /spatula/i.test(i.title))?.sku;
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ skus: [spatula], reason: 'wrong_size_or_colour', returnShippingPaidBy: 'buyer' });
  });

  it('a duplicate purchase named with its item: no item or reason question, return created for that item', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(w.duplicate);
    const id = DEMO.delivered5d.id;
    await c.say(id);
    const keys = await c.say(await postalOf(h, id));
    expect(asked(keys)).toEqual([]);
    await c.choose('opt:refund');
    const order = await h.assistant.services.orders.findById(id);
    const spatula = order?.items.find((i) => /spatula/i.test(i.title))?.sku;
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ skus: [spatula], reason: 'no_longer_needed', returnShippingPaidBy: 'buyer' });
  });

  it('a size that does not fit, with order and postcode in one message: exchange offered straight away, replacement created', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.eu29d.id;
    const keys = await c.say(w.tooTight(id, await postalOf(h, id)));
    expect(asked(keys)).toEqual([]);
    expect(c.choices()).toContain('opt:replacement');
    await c.choose('opt:replacement');
    const [rma] = await h.assistant.services.orders.listReturns(id);
    expect(rma).toMatchObject({ reason: 'wrong_size_or_colour', resolution: 'replacement' });
  });
});
