/**
 * A Chinese buyer reads Chinese: product titles (item buttons, order card, reply texts), carrier
 * names and tracking places come out in the buyer's language for every demo flow (track, return,
 * cancel, signed-in order buttons); an English buyer still reads the source's English.
 */
import { describe, expect, it } from 'vitest';
import { carrierName } from '../../src/domain/carriers.js';
import type { Lang } from '../../src/domain/lang.js';
import type { Order } from '../../src/domain/order.js';
import type { TurnResult } from '../../src/bot/turn-runner.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { DEMO, emailOf, harness, type Chat, type Harness } from '../support/transcript.js';
import { LANGS, PHRASES } from './phrases.js';

/** Every word the buyer sees in the last turn: texts, buttons and card text. */
function shown(c: Chat): string {
  const replies: TurnResult['replies'] = c.last?.replies ?? [];
  return replies
    .flatMap((r) => [
      r.text,
      ...(r.activity.suggestedActions?.actions ?? []).map((a) => String(a.title)),
      ...(r.activity.attachments ?? []).map((a) => JSON.stringify(a.content)),
    ])
    .join('\n');
}

/** Card JSON carries property names and the schema URL; only the TextBlock texts and fact values are read. */
function cardWords(c: Chat): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'text' || k === 'value' || k === 'title') && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  for (const r of c.last?.replies ?? []) for (const a of r.activity.attachments ?? []) walk(a.content);
  return out;
}

async function order(h: Harness, id: string): Promise<Order> {
  const o = await h.assistant.services.orders.findById(id);
  if (!o) throw new Error(`demo order ${id} missing`);
  return o;
}

/**
 * Latin letters left once the order's own identifiers (order id, tracking number, claim number such
 * as CLM-1A2B3C4D) and currency signs (zh-CN writes dollars "US$") are taken out.
 */
function latinIn(text: string, o: Order): string[] {
  const cleaned = text
    .split(o.id)
    .join('')
    .split(o.trackingNumber ?? '\u0000')
    .join('')
    .replace(/\b[A-Z]{3}-[A-Z0-9]{6,}\b/g, '')
    .replace(/[A-Z]{1,3}\$/g, '');
  return cleaned.match(/[A-Za-z]{2,}/g) ?? [];
}

const TRACKED = [
  ['onTime', DEMO.onTime.id],
  ['slow', DEMO.slow.id],
  ['late', DEMO.late.id],
  ['lost', DEMO.lost.id],
  ['delivered', DEMO.delivered5d.id],
  ['returned to sender', DEMO.returnedToSender.id],
  ['label created', DEMO.labelCreated.id],
] as const;

/** Carriers with no settled Chinese name keep their Latin one inside the Chinese name ("DPD"). */
const latinKept = (lang: Lang, carrier: string): string[] => (carrierName(carrier, lang).match(/[A-Za-z]{2,}/g) ?? []);

describe('where is my order: carriers and places in the buyer\'s language', () => {
  it.each(TRACKED)('zh, %s: carrier in Chinese, no Latin carrier name, place or title in the text or the timeline card', async (_name, id) => {
    const h = await harness();
    const c = h.chat();
    await c.say(PHRASES.zh.track(id));
    await c.say(await emailOf(h, id));
    const o = await order(h, id);
    const carrier = o.carrier ?? 'missing';
    const text = c.texts().join('\n');
    const keep = latinKept('zh', carrier);
    if (c.last?.replies[0]?.key !== 'track:returnedToSender') expect(text).toContain(carrierName(carrier, 'zh'));
    expect(latinIn(text, o).filter((w) => !keep.includes(w))).toEqual([]);
    const card = cardWords(c);
    expect(card.length).toBeGreaterThan(2);
    expect(card).toContain(carrierName(carrier, 'zh'));
    expect(card.flatMap((w) => latinIn(w, o)).filter((w) => !keep.includes(w))).toEqual([]);
    if (keep.length === 0) expect(shown(c)).not.toContain(carrier);
  });

  it.each(TRACKED)('en, %s: the carrier and places as the source spells them', async (_name, id) => {
    const h = await harness();
    const c = h.chat();
    await c.say(PHRASES.en.track(id));
    await c.say(await emailOf(h, id));
    const o = await order(h, id);
    const card = cardWords(c).join('\n');
    expect(card).toContain(o.carrier ?? 'missing');
    expect(card).toMatch(/, (US|GB|DE|CN)\b/);
    // No Chinese in an English card, the Chinese buyers' own cities included ("北京" → "Beijing, CN").
    expect(card).not.toMatch(/\p{Script=Han}/u);
  });

  it('zh: the latest place in the sentence is the Chinese one ("中国广东省…"), en: "…, CN"', async () => {
    const h = await harness();
    for (const lang of LANGS) {
      const c = h.chat();
      await c.say(PHRASES[lang].track(DEMO.onTime.id));
      await c.say(await emailOf(h, DEMO.onTime.id));
      expect(c.last?.replies[0]?.key).toBe('track:onTime');
      expect(c.texts()[0]).toMatch(lang === 'zh' ? /(美国|中国)\p{Script=Han}+/u : /, (US|CN)\b/);
    }
  });
});

describe.each(LANGS)('product titles in the buyer\'s language (%s)', (lang) => {
  const p = PHRASES[lang];
  const title = (o: Order, i = 0): string => (lang === 'zh' ? o.items[i]?.titles?.zh : o.items[i]?.title) ?? 'missing';
  const other = (o: Order, i = 0): string => (lang === 'zh' ? o.items[i]?.title : o.items[i]?.titles?.zh) ?? 'missing';

  it('return: item buttons and the order card name every item in the buyer\'s language', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.returnItem(DEMO.delivered5d.id));
    expect(await c.say(await emailOf(h, DEMO.delivered5d.id))).toEqual(['returns:askItems']);
    const o = await order(h, DEMO.delivered5d.id);
    expect(o.items.length).toBeGreaterThan(1);
    const buttons = (c.last?.replies[0]?.activity.suggestedActions?.actions ?? []).map((a) => String(a.title));
    const everything = shown(c);
    o.items.forEach((_, i) => {
      expect(buttons.some((b) => b.includes(title(o, i)))).toBe(true);
      expect(everything).not.toContain(other(o, i));
    });
    expect(c.last?.replies[0]?.activity.attachments).toHaveLength(1);
    for (const i of o.items.keys()) expect(cardWords(c).join('\n')).toContain(title(o, i));
    if (lang === 'zh') expect(buttons.join('\n')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('cancel: the confirmation names the item in the buyer\'s language', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(p.cancel(DEMO.justPlaced.id));
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
    const o = await order(h, DEMO.justPlaced.id);
    expect(c.texts()[0]).toContain(title(o));
    expect(c.texts()[0]).not.toContain(other(o));
  });

  it('signed in: the order buttons carry the first item\'s title in the buyer\'s language', async () => {
    const h = await harness();
    const c = h.chat(undefined, { verifiedEmail: await emailOf(h, DEMO.onTime.id) });
    expect(await c.say(lang === 'zh' ? '我的订单到哪了？' : 'Where is my order?')).toEqual(['verify:pickOrder']);
    const o = await order(h, DEMO.onTime.id);
    const buttons = (c.last?.replies[0]?.activity.suggestedActions?.actions ?? []).map((a) => String(a.title));
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toContain(title(o));
    expect(buttons[0]).not.toContain(other(o));
  });

  it('change address on a shipped parcel: the carrier in the buyer\'s language', async () => {
    const h = await harness({ policy: DEFAULT_POLICY });
    const c = h.chat();
    await c.say(p.address(DEMO.slow.id));
    await c.say(await emailOf(h, DEMO.slow.id));
    expect(c.last?.replies[0]?.key).toMatch(/^address:shipped/);
    expect(c.texts()[0]).toContain(carrierName('SF Express', lang));
    if (lang === 'zh') expect(c.texts()[0]).not.toContain('SF Express');
  });
});
