/**
 * Round 8 of issue 15, language requests: who the language is for, said beside the request ("我同事要看", "my mum
 * needs to read it"), is a reason, not a message of its own: the language switches, the flow under way asks its
 * question again, nobody is handed a person, and the verification detail sent next finishes the tracking.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, emailOf, harness } from '../support/transcript.js';

const CASES: { start: Lang; track: string; ask: string; to: Lang }[] = [
  { start: 'zh', track: `瑜伽垫到哪了 ${DEMO.returnedToSender.id}`, ask: 'can u reply in english? 我同事要看', to: 'en' },
  { start: 'en', track: `where is my yoga mat, order ${DEMO.returnedToSender.id}`, ask: '能说中文吗 我妈妈看不懂英文', to: 'zh' },
  { start: 'en', track: `where is my yoga mat, order ${DEMO.returnedToSender.id}`, ask: 'chinese please, my flatmate needs to read it', to: 'zh' },
];

describe('a language asked for someone else switches and carries on (both languages)', () => {
  it.each(CASES)('$start → $to: "$ask"', async ({ track, ask, to }) => {
    const h = await harness();
    const c = h.chat();
    expect(await c.say(track)).toEqual(['verify:askDetail']);
    const keys = await c.say(ask);
    expect(keys).toEqual(['common:languageSwitched', 'verify:askDetail']);
    expect(c.last?.lang).toBe(to);
    const tracked = await c.say(await emailOf(h, DEMO.returnedToSender.id));
    expect(tracked[0]).toMatch(/^track:/);
    expect([...keys, ...tracked].some((k) => k.startsWith('handoff:'))).toBe(false);
  });
});
