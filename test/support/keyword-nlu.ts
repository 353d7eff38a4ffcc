/**
 * Test double for the NLU port: a fixed keyword table, so turn-runner and HTTP tests do not depend
 * on the trained classifier. Transcript tests use the real NLU.
 */
import type { Intent, Nlu, NluResult } from '../../src/nlu/types.js';
import type { Lang } from '../../src/domain/lang.js';

const TABLE: [RegExp, Intent][] = [
  [/\b(hi|hello|hey)\b|你好|您好/i, 'greeting'],
  [/thank|谢谢/i, 'thanks'],
  [/\bbye\b|再见/i, 'goodbye'],
  [/where.*order|track|到哪|物流/i, 'track_order'],
  [/\b(agent|human)\b|人工/i, 'human_agent'],
  [/crash me/i, 'none'],
];

export class KeywordNlu implements Nlu {
  calls: string[] = [];
  async understand(text: string, lang: Lang): Promise<NluResult> {
    this.calls.push(text);
    if (/crash me/i.test(text)) throw new Error('boom in nlu');
    const hit = TABLE.find(([re]) => re.test(text));
    return { text, lang, intent: hit?.[1] ?? 'none', score: hit ? 0.95 : 0.2, entities: [] };
  }
}
