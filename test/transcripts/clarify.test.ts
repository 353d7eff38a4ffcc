/**
 * A close call between two topics: the bot asks which one, with both as quick replies, and picking
 * one routes the buyer's original message (its order number included) as that topic.
 *
 * Whether the trained model calls a given sentence close depends on the corpus, so these tests pin
 * the classifier's verdict for their sentences (entities still come from the real NLU). Everything
 * after the NLU (routing, flows, services) is real.
 */
import { describe, expect, it } from 'vitest';
import type { Intent, Nlu, NluResult } from '../../src/nlu/types.js';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';
import { press } from './quick-replies.js';

type Verdict = Pick<NluResult, 'intent' | 'score' | 'alternative' | 'faq'>;

/** The real NLU, except that the listed sentences get the given verdict. */
function pinned(verdicts: Record<string, Verdict>): (real: Nlu) => Nlu {
  return (real) => ({
    async understand(text: string, lang: Lang): Promise<NluResult> {
      const result = await real.understand(text, lang);
      const verdict = verdicts[text];
      if (!verdict) return result;
      const { faq: _faq, alternative: _alt, ...rest } = result;
      return { ...rest, ...verdict };
    },
  });
}

const close = (intent: Intent, alternative: Intent, extra: Partial<Verdict> = {}): Verdict => ({
  intent,
  score: 0.55,
  alternative: { intent: alternative, score: 0.45 },
  ...extra,
});

const SAID = {
  en: {
    cancelOrAddress: `I want to cancel or change the address of order ${DEMO.justPlaced.id}`,
    howToReturn: 'How do I return something?',
    unclear: 'what can you tell me',
  },
  zh: {
    cancelOrAddress: `订单 ${DEMO.justPlaced.id} 想取消或者改地址`,
    howToReturn: '怎么退货呀？',
    unclear: '你能跟我说点什么',
  },
} as const satisfies Record<Lang, Record<string, string>>;

describe.each(LANGS)('clarifying a close call (%s)', (lang) => {
  const s = SAID[lang];
  const nlu = pinned({
    [s.cancelOrAddress]: close('change_address', 'cancel_order'),
    [s.howToReturn]: close('faq', 'return_item', { faq: { id: 'return_policy', score: 0.7 } }),
    [s.unclear]: { intent: 'none', score: 0.54, alternative: { intent: 'faq', score: 0.35 } },
  });

  it('asks which topic, with both as quick replies; picking one starts that flow with the original order number', async () => {
    const h = await harness({ nlu });
    const c = h.chat();
    expect(await c.say(s.cancelOrAddress)).toEqual(['common:clarify']);
    expect(c.choices()).toEqual(['intent:change_address', 'intent:cancel_order']);
    expect(c.last?.lang).toBe(lang);
    // The order number came with the ambiguous message: only the email is asked for.
    expect(await press(c, 'intent:cancel_order')).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['cancel:confirm']);
  });

  it('picking the other option starts the other flow', async () => {
    const h = await harness({ nlu });
    const c = h.chat();
    await c.say(s.cancelOrAddress);
    expect(await press(c, 'intent:change_address')).toEqual(['verify:askDetail']);
    expect(await c.say(await emailOf(h, DEMO.justPlaced.id))).toEqual(['address:cancelAndReorder']);
  });

  it('a question or a return: picking the question answers the question the buyer asked', async () => {
    const h = await harness({ nlu });
    const c = h.chat();
    expect(await c.say(s.howToReturn)).toEqual(['common:clarify']);
    expect(c.choices()).toEqual(['intent:faq', 'intent:return_item']);
    expect(await press(c, 'intent:faq')).toEqual(['presales:kb']);
    // The knowledge base's answer about returns (not another topic, not "I don't know").
    expect(c.texts()[0]).toMatch(lang === 'en' ? /return/i : /退货/);
    const d = h.chat();
    await d.say(s.howToReturn);
    expect(await press(d, 'intent:return_item')).toEqual(['verify:askOrderId']);
  });

  it('no question with a single option: a guess between "nothing" and FAQ is just not understood', async () => {
    const h = await harness({ nlu });
    const c = h.chat();
    expect(await c.say(s.unclear)).toEqual([expect.stringMatching(/^common:(fallback|outOfScope)$/)]);
  });

  it('once the buyer moves on, an old clarify button no longer carries the old message', async () => {
    const h = await harness({ nlu });
    const c = h.chat();
    await c.say(s.cancelOrAddress);
    const choice = 'intent:cancel_order';
    const stale = c.last;
    expect(await c.say(lang === 'en' ? 'hello' : '你好')).toEqual(['common:greeting']);
    c.last = stale;
    // The order number named earlier stays known (only the email / postal code is asked), but the old
    // message is not routed again: the pick starts a plain cancel.
    expect(await press(c, choice)).toEqual(['verify:askDetail']);
  });
});
