import { beforeAll, describe, expect, it } from 'vitest';
import type { NluEngine } from '../../src/nlu/index.js';
import { nluEngineAt } from '../support/nlu.js';

/**
 * Round 5: when the team works is a shop question (answered from the knowledge base), not a request for a person
 * now; asking for someone stays a request even with a time in it. Wordings written for this test.
 */
let nlu: NluEngine;
beforeAll(async () => {
  nlu = await nluEngineAt('2025-03-12T10:00:00Z');
});

describe('staff hours are a shop question', () => {
  it.each([
    ['你们客服一般几点下班', 'zh'],
    ['人工服务时间是几点到几点', 'zh'],
    ['what time does your support team start in the morning', 'en'],
    ['what are the customer service hours on saturday', 'en'],
  ] as const)('%s → faq', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('faq');
  });
  it.each([
    ['转人工 现在有人吗', 'zh'],
    ['i need to speak to a real person right now', 'en'],
    ['can i talk to an agent today, what time are you open till', 'en'],
  ] as const)('a request stays a request: %s', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('human_agent');
  });
});
