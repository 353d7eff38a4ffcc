/**
 * Round 8 of issue 15: a person asked for in so many words ("could I talk to an actual person about a bulk
 * order?", "能找个真人客服聊聊批量采购吗") after pre-sales questions (the last one about sending it back) is handed to a person, never asked for an
 * order number (the word "order" in a bulk order is no after-sales request). Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { payment: string; sendBack: string; person: string }> = {
  en: { payment: 'hi! thinking about buying the air fryer. what payment methods do you take?', sendBack: "what if I don't like it, can I send it back?", person: 'ok, could I talk to an actual person about a bulk order for my office?' },
  zh: { payment: '你好 想买空气炸锅 你们支持哪些付款方式？', sendBack: '要是不喜欢能退吗？', person: '好的 能找个真人客服聊聊公司批量订购的事吗' },
};

describe.each(LANGS)('a person asked for in words after pre-sales questions (%s)', (lang) => {
  it('is handed to a person, no order number asked', async () => {
    const h = await harness();
    const c = h.chat();
    await c.say(W[lang].payment);
    // The return policy answered with the offer to start a return: the next words are still free to ask for a person.
    await c.say(W[lang].sendBack);
    const keys = await c.say(W[lang].person);
    expect(keys.some((k) => k.startsWith('handoff:'))).toBe(true);
    expect(keys).not.toContain('verify:askOrderId');
  });
});
