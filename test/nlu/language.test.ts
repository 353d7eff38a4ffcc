import { describe, expect, it } from 'vitest';
import { languageRequest, requestedLanguage } from '../../src/nlu/language.js';

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

describe('languageRequest: a request run on into the message without punctuation keeps the rest', () => {
  it.each([
    ['can you speak chinese i dont read english well my order is 112-3456789-1234567', 'zh', 'my order is 112-3456789-1234567'],
    ['chinese please my order hasnt arrived', 'zh', 'my order hasnt arrived'],
    ['i dont understand english can we talk in chinese where is my parcel', 'zh', 'where is my parcel'],
    ['can u talk to me in english i cant read chinese my parcel never came', 'en', 'my parcel never came'],
    ['请用英文回复我的快递到哪了', 'en', '我的快递到哪了'],
    ['能不能说中文啊我英文不好我的东西还没到', 'zh', '我的东西还没到'],
    ['用英文说吧我看不懂中文 订单112-3456789-1234567', 'en', '订单112-3456789-1234567'],
  ] as const)('%s → %s, rest "%s"', (text, lang, rest) => {
    expect(languageRequest(text)).toEqual({ lang, rest });
  });

  it.each(['可以用中文跟我说吗？', 'can you answer in English? my Chinese reading isn\'t great', 'english pls', 'can u talk to me in english'])(
    '%s → nothing besides the request',
    (text) => {
      expect(languageRequest(text)?.rest).toBe('');
    },
  );
});
