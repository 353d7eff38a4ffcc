import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { harness } from '../support/transcript.js';
import { LANGS } from './phrases.js';

/** Round-4 guards as a buyer meets them: no fact invented for a part or a country we don't serve. */
const Q = {
  en: { notServed: 'How much is shipping to Singapore?', country: 'Singapore', part: 'How long is the power cord on the blender?' },
  zh: { notServed: '寄新加坡运费多少钱', country: '新加坡', part: '料理机的电源线有多长' },
} as const satisfies Record<Lang, unknown>;

const plain = (texts: string[]) => texts.join('\n').replace(/\\(.)/g, '$1');

describe.each(LANGS)('pre-sales, round-4 guards (%s)', (lang) => {
  const q = Q[lang];

  // The answerer abstains (answered: false) with its reason: we don't ship there, here is where we
  // do; the root machine shows that reason with a person offered, and no price is invented.
  it('a shipping price to a country we do not serve: no price invented, a person offered, the question logged', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(q.notServed)).toEqual(['presales:shipping.notServedAsk']);
    expect(plain(c.texts())).not.toMatch(/\d/);
    expect(plain(c.texts())).toContain(q.country);
    expect(c.choices()).toEqual(['intent:human_agent']);
    const logged = await h.assistant.presales.unanswered.list();
    expect(logged.map((x) => x.text)).toContain(q.notServed);
  });

  it('a measure of a part the catalog does not list: no other measure of the product, a person offered', async () => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(q.part)).toEqual(['faq:noMatch']);
    expect(c.choices()).toEqual(['intent:human_agent']);
  });
});
