import { beforeAll, describe, expect, it } from 'vitest';
import type { NluEngine } from '../../src/nlu/index.js';
import { languageRequest } from '../../src/nlu/language.js';
import { onlyCodes, remarksAboutSelf, reportsProductFault, reportsTrackingStatus, toldLate } from '../../src/nlu/statements.js';
import { nluEngineAt } from '../support/nlu.js';

/**
 * Statements that carry a request without a request word (round 5, misreads found in real conversations),
 * each checked as a class: several wordings, both languages, and the near-misses that must keep their reading.
 */
let nlu: NluEngine;
beforeAll(async () => {
  nlu = await nluEngineAt('2025-03-12T10:00:00Z');
});

describe('what the tracking says is track_order', () => {
  it.each([
    ['物流显示退回了', 'zh'],
    ['快递信息写着已退回', 'zh'],
    ['显示已签收但我没收到', 'zh'],
    ['物流上说派送失败了', 'zh'],
    ['单号查询显示被拒收了 我没拒收啊', 'zh'],
    ['tracking says returned to sender', 'en'],
    ["it says delivered but it isn't here", 'en'],
    ['the app shows it was left at the door but nothing is there', 'en'],
    ['tracking still says delivery attempted, nobody came', 'en'],
    ['my parcel is marked as delivered and I have nothing', 'en'],
  ] as const)('%s', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('track_order');
  });

  it('a status with another request keeps that request', () => {
    expect(reportsTrackingStatus('tracking says delivered but it came broken, I want a refund', 'en')).toBe(false);
    expect(reportsTrackingStatus('物流显示签收了 我要退货', 'zh')).toBe(false);
    expect(nlu.understandSync('物流显示签收了 我要退货', 'zh').intent).toBe('return_item');
  });
});

describe('switching back to a language in casual wording', () => {
  it.each([
    ['算了还是中文吧', 'zh'],
    ['还是用中文吧', 'zh'],
    ['那就还是说英文吧', 'en'],
    ['好吧 还是英文', 'en'],
    ['ok english again pls', 'en'],
    ['back to english', 'en'],
    ['can we go back to chinese', 'zh'],
    ['nvm, chinese again', 'zh'],
  ] as const)('%s → %s, nothing else to carry on', (text, lang) => {
    expect(languageRequest(text)).toEqual({ lang, rest: '' });
  });

  it('"again" or 还是 about something else is not a request', () => {
    expect(languageRequest('i ordered the english manual again')).toBeUndefined();
    expect(languageRequest('还是没收到货')).toBeUndefined();
  });
});

describe('a greeting with a remark about oneself is a greeting', () => {
  it.each([
    ['Hello. I am not very good with these chat things', 'en'],
    ['hi sorry im new to this', 'en'],
    ['hey, first time using one of these', 'en'],
    ['你好 我不太会用这个', 'zh'],
    ['您好，我是新手，不太懂', 'zh'],
  ] as const)('%s', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('greeting');
  });

  it('a request after the remark is still the request', () => {
    expect(remarksAboutSelf('sorry im new to this')).toBe(true);
    expect(nlu.understandSync('hi sorry im new to this, where is my parcel?', 'en').intent).toBe('track_order');
    expect(nlu.understandSync('你好 我不太会用这个 我想退货', 'zh').intent).toBe('return_item');
  });
});

describe('a greeting followed only by codes asks what they want', () => {
  it.each([
    ['hiya 112-4455667-8899001 M3 2ER', 'en'],
    ['hello 112-3456789-1234567 jane@example.com', 'en'],
    ['你好 112-3456789-1234567 100020', 'zh'],
  ] as const)('%s → greeting at low confidence, the order id kept', (text, lang) => {
    const r = nlu.understandSync(text, lang);
    expect(r.intent).toBe('greeting');
    expect(r.score).toBeLessThan(0.6);
    expect(r.entities.some((e) => e.type === 'orderId')).toBe(true);
  });

  it('words besides the codes are read', () => {
    expect(onlyCodes('112-4455667 M3 2ER')).toBe(true);
    expect(onlyCodes('cancel 112-4455667')).toBe(false);
    expect(nlu.understandSync('hiya cancel 112-4455667-8899001 please', 'en').intent).toBe('cancel_order');
  });
});

describe('a product that stopped working is return_item', () => {
  it.each([
    ['My kettle has stopped working', 'en'],
    ['the blender died after a week', 'en'],
    ['the hair dryer just conked out', 'en'],
    ['耳机一边没声音了', 'zh'],
    ['吹风机用了三天就不转了', 'zh'],
    ['台灯突然不亮了', 'zh'],
  ] as const)('%s', (text, lang) => {
    expect(nlu.understandSync(text, lang).intent).toBe('return_item');
  });

  it('how to fix one in general, or someone else’s, is not', () => {
    expect(reportsProductFault('how do I fix a kettle that stopped working', 'en')).toBe(false);
    expect(reportsProductFault('my holiday was great', 'en')).toBe(false);
    expect(nlu.understandSync('附近哪里能修吹风机 不转了', 'zh').intent).toBe('none');
  });
});

describe('a late parcel told as a fact is track_order (round 9)', () => {
  const cancel = { intent: 'cancel_order' as const, score: 0.57, rule: 'classifier' as const };
  it('overrules a guessed request the message does not make', () => {
    expect(toldLate(cancel, 'my headset was supposed to be here already and its NOT', 'en').intent).toBe('track_order');
    expect(toldLate(cancel, '耳机早该到了 到现在也没见着', 'zh').intent).toBe('track_order');
  });
  it('keeps a request said beside it, and a question about the rule', () => {
    expect(toldLate(cancel, "it hasn't arrived, just cancel it", 'en').intent).toBe('cancel_order');
    expect(toldLate({ intent: 'faq', score: 0.9, rule: 'faq' }, "what happens if my parcel hasn't arrived?", 'en').intent).toBe('faq');
    expect(toldLate(cancel, '还没到 我要取消订单', 'zh').intent).toBe('cancel_order');
  });
});
