import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

/** What buyers ask before they buy, per language, and the facts the answer must hold (data/catalog, data/kb). */
const Q = {
  en: {
    fact: { q: 'Is the desk lamp dimmable?', says: ['5 brightness levels'] },
    stock: { q: 'Is the white desk lamp in stock?', says: ['white', 'out of stock', 'black'] },
    shipping: { q: 'Do you ship to Canada and how much is it?', says: ['Canada', '$12.99', '7-14 business days'] },
    thisOne: { q: 'How heavy is this one?', says: ['2.4 kg'] },
    unknown: 'Does the desk lamp have Wi-Fi?',
    inReturn: { q: 'Is the water bottle dishwasher safe?', says: ['not dishwasher safe'] },
  },
  zh: {
    fact: { q: '台灯可以调光吗', says: ['5 档亮度'] },
    stock: { q: '白色的台灯有货吗', says: ['白色', '缺货', '黑色'] },
    shipping: { q: '寄到加拿大运费多少', says: ['加拿大', '$12.99', '7-14 个工作日'] },
    thisOne: { q: '这个多重', says: ['2.4 公斤'] },
    unknown: '台灯能连wifi吗',
    inReturn: { q: '保温杯能放洗碗机吗', says: ['不能放洗碗机'] },
  },
} as const satisfies Record<Lang, unknown>;

/** A buyer message from a product page: the widget sends the page's product id on the activity. */
async function sayOnPage(h: Harness, conversationId: string, text: string, pageProductId: string) {
  const r = await h.assistant.runner.run({ conversationId, activityId: `${conversationId}-${randomUUID()}`, kind: 'message', text, pageProductId });
  return { keys: r.replies.map((x) => x.key), text: r.replies.map((x) => x.text).join('\n').replace(/\\(.)/g, '$1') };
}

const plain = (texts: string[]) => texts.join('\n').replace(/\\(.)/g, '$1');

describe.each(LANGS)('pre-sales answers (%s)', (lang) => {
  const q = Q[lang];

  it('answers a product fact from the catalog, naming the product', async () => {
    const c = (await harness()).chat();
    const keys = await c.say(q.fact.q);
    expect(keys).toContain('presales:attribute');
    for (const s of q.fact.says) expect(plain(c.texts())).toContain(s);
  });

  it('answers a variant and its stock, and what else is in stock', async () => {
    const c = (await harness()).chat();
    // Out of stock: what else is, and when sold-out items come back (knowledge base).
    expect(await c.say(q.stock.q)).toEqual(['presales:stock', 'presales:stockOthers', 'presales:kb']);
    for (const s of q.stock.says) expect(plain(c.texts())).toContain(s);
  });

  it('answers shipping to a country from the knowledge base', async () => {
    const c = (await harness()).chat();
    expect(await c.say(q.shipping.q)).toEqual(['presales:shipping.to']);
    for (const s of q.shipping.says) expect(plain(c.texts())).toContain(s);
  });

  it('"this one" is the product of the page the buyer is on', async () => {
    const h = await harness();
    const r = await sayOnPage(h, `t-${randomUUID()}`, q.thisOne.q, 'PAN-CAST-26');
    expect(r.keys).toEqual(['presales:fact.weight']);
    for (const s of q.thisOne.says) expect(r.text).toContain(s);
    // Without the page there is no "this one": no fact is guessed.
    const c = h.chat();
    expect(await c.say(q.thisOne.q)).not.toContain('presales:fact.weight');
  });

  it('a fact the catalog does not hold: says so, offers a person, and logs the question for the seller', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(q.unknown)).toEqual(['faq:noMatch']);
    expect(c.choices()).toEqual(['intent:human_agent']);
    const logged = await h.assistant.presales.unanswered.list();
    expect(logged.map((x) => x.text)).toContain(q.unknown);
    expect(logged.find((x) => x.text === q.unknown)).toMatchObject({ lang });
  });

  it('a pre-sales question inside a return is answered and the return goes on; the agent later sees the question', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(PHRASES[lang].returnItem(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    const keys = await c.say(q.inReturn.q);
    expect(keys[0]).toBe('presales:fact.care');
    expect(keys.at(-1)).toBe('returns:askItems');
    for (const s of q.inReturn.says) expect(plain(c.texts())).toContain(s);
    const order = await h.assistant.services.orders.findById(DEMO.delivered5d.id);
    expect(await c.choose(`item:${order?.items[0]?.sku ?? 'missing'}`)).toEqual(['returns:askReason']);
    await c.say(PHRASES[lang].agent);
    const [ticket] = await h.assistant.services.handoff.byConversation(c.id);
    expect(ticket?.summary).toContainEqual({ key: 'handoff:summaryPresales', values: { questions: q.inReturn.q } });
  });
});
