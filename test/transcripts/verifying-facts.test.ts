/**
 * Round 8 of issue 15, facts given early: a postcode given with a tracking question only verifies the buyer; its
 * label word ("zip", "postcode", "邮编") never turns the question into an address change. Both languages,
 * through the real app: the first reply is the parcel's status with its tracking number, and nothing is cancelled.
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
