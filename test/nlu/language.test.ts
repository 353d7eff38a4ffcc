import { describe, expect, it } from 'vitest';
import { requestedLanguage } from '../../src/nlu/language.js';

/** Language requests in any wording, in either script (issue 15); the turn runner switches on them. */
describe('requestedLanguage: requests in any wording', () => {
  it.each([
    // asked in Chinese
    ['不好意思，可以用中文跟我说吗？', 'zh'],
    ['能说中文吗', 'zh'],
    ['麻烦切换成中文', 'zh'],
    ['你会中文吗？', 'zh'],
    ['我看不懂英文', 'zh'],
    ['英文不太好，用中文回复我吧', 'zh'],
    ['中文可以吗', 'zh'],
    ['请用英文回复', 'en'],
    ['可以说英语吗 我朋友看', 'en'],
    ['能不能换回英文', 'en'],
    // asked in English
    ["can you answer in English? my Chinese reading isn't great", 'en'],
    ['do you speak english', 'en'],
    ['pls reply in englsh', 'en'],
    ['english pls', 'en'],
    ["I can't read Chinese", 'en'],
    ['can we switch to mandarin please', 'zh'],
    ['could you write to me in Chinese instead?', 'zh'],
    ["my english is not very good, chinese please", 'zh'],
    ["I don't really understand English", 'zh'],
    ['中文 please', 'zh'],
  ] as const)('%s → %s', (text, expected) => {
    expect(requestedLanguage(text)).toBe(expected);
  });
});

describe('requestedLanguage: a language named, nothing asked', () => {
  it.each([
    'I bought an English dictionary, where is it?',
    '中文说明书在哪里下载',
    'is the manual in English?',
    'can you translate this sentence into Chinese',
    '说明书是英文的，看不懂',
    '地址用中文写可以吗',
    'do you ship to Chinese addresses',
    'where is my order',
    '我的订单到哪了',
    'the speaker came with an English plug',
  ])('%s → undefined', (text) => {
    expect(requestedLanguage(text)).toBeUndefined();
  });
});

describe('requestedLanguage: the bare language name is a whole message only', () => {
  it.each(['我要退货中文', '我看不懂这个', 'chinese new year delivery times?'])('%s → undefined', (text) => {
    expect(requestedLanguage(text)).toBeUndefined();
  });
});
