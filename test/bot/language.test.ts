import { describe, expect, it } from 'vitest';
import { detectLanguage, requestedLanguage } from '../../src/nlu/language.js';
import { recogniseControl } from '../../src/nlu/control.js';

describe('detectLanguage', () => {
  it.each([
    ['hello', 'en', 'zh'],
    ['你好', 'zh', 'en'],
    ['我的order呢', 'zh', 'en'],
    ['where is 订单 112-3456789-1234567', 'zh', 'en'],
    ['112-3456789-1234567', 'zh', 'zh'],
    ['112-3456789-1234567', 'en', 'en'],
    ['👍', 'zh', 'zh'],
    ['Ça va', 'en', 'zh'],
    ['li.wei@example.cn', 'zh', 'zh'],
    ['SW1A 1AA', 'zh', 'zh'],
    ['RMA-6U5MQC4CSY', 'zh', 'zh'],
    ['https://shop.example/x', 'zh', 'zh'],
    // Latin-letter acknowledgements Chinese buyers type too keep the conversation's language; a word of English switches.
    ['ok', 'zh', 'zh'],
    ['ok 3q', 'zh', 'zh'],
    ['ok', 'en', 'en'],
    ['ok great', 'en', 'zh'],
  ] as const)('%s → %s (fallback %s)', (text, expected, fallback) => {
    expect(detectLanguage(text, fallback)).toBe(expected);
  });
});

describe('requestedLanguage', () => {
  it.each([
    ['English please', 'en'],
    ['can you speak english?', 'en'],
    ['请说英文', 'en'],
    ['说中文', 'zh'],
    ['Chinese please', 'zh'],
    ['中文', 'zh'],
    ['请用中文', 'zh'],
    ['I bought an English dictionary, where is it?', undefined],
    ['中文说明书在哪里下载', undefined],
  ] as const)('%s → %s', (text, expected) => {
    expect(requestedLanguage(text)).toBe(expected);
  });
});

describe('recogniseControl', () => {
  it.each([
    ['yes', 'yes'],
    ['Yes please!', 'yes'],
    ['好的', 'yes'],
    ['不用', 'no'],
    ['nope', 'no'],
    ['never mind', 'abort'],
    ['算了', 'abort'],
    ['go back', 'back'],
    ['cancel my order', undefined],
    ['yes I want to return the shoes because they are too small', undefined],
  ] as const)('%s → %s', (text, expected) => {
    expect(recogniseControl(text, 'en')).toBe(expected);
  });
});
