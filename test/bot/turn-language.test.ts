import { describe, expect, it } from 'vitest';
import { decideLanguage } from '../../src/bot/turn-language.js';

describe('decideLanguage: the one place a turn chooses the buyer language', () => {
  it('starts from the channel locale, and what the buyer types moves it', () => {
    expect(decideLanguage({ text: '', typed: false, localeHint: 'zh-CN' })).toMatchObject({ lang: 'zh', pinned: false, switched: false });
    expect(decideLanguage({ text: 'where is my parcel', typed: true, localeHint: 'zh-CN' }).lang).toBe('en');
    expect(decideLanguage({ text: '我的包裹呢', typed: true, localeHint: 'en-US' }).lang).toBe('zh');
    expect(decideLanguage({ text: '112-7051384-2296640', typed: true }).lang).toBe('en');
  });

  it('keeps the stored language for neutral text and for a clicked choice (its text is ours)', () => {
    const stored = { lang: 'zh' as const, langPinned: false };
    expect(decideLanguage({ text: '112-7051384-2296640', typed: true }, stored).lang).toBe('zh');
    expect(decideLanguage({ text: 'Cast iron pan', typed: false }, stored).lang).toBe('zh');
    expect(decideLanguage({ text: 'hello', typed: true, localeHint: 'zh-CN' }, { lang: 'zh', langPinned: false }).lang).toBe('en');
  });

  it.each([
    ['English please', 'en'],
    ['说中文', 'zh'],
  ] as const)('"%s" pins %s, and a pinned language no longer follows detection', (text, lang) => {
    const asked = decideLanguage({ text, typed: true }, { lang: lang === 'en' ? 'zh' : 'en', langPinned: false });
    expect(asked).toMatchObject({ lang, pinned: true, switched: true, rest: '' });
    const other = lang === 'en' ? '你好' : 'hello';
    expect(decideLanguage({ text: other, typed: true }, { lang, langPinned: true })).toMatchObject({ lang, pinned: true, switched: false });
  });

  it.each([
    ['answer in English pls, where is my order 112-7051384-2296640', 'en', 'where is my order 112-7051384-2296640', 'en'],
    ['用英文回复吧 我的快递到哪了', 'en', '我的快递到哪了', 'zh'],
    ['请说中文。帮我取消订单', 'zh', '帮我取消订单', 'zh'],
    ['hi, English please. I want to return the skillet', 'en', 'I want to return the skillet', 'en'],
    ['不好意思，可以用中文跟我说吗？', 'zh', '', 'zh'],
    ["can you answer in English? my Chinese reading isn't great", 'en', '', 'en'],
  ] as const)('"%s" switches to %s and carries on with "%s" (read as %s)', (text, lang, rest, restLang) => {
    expect(decideLanguage({ text, typed: true }, { lang: lang === 'en' ? 'zh' : 'en', langPinned: false })).toEqual({ lang, pinned: true, switched: true, rest, restLang });
  });

  it('a question about a thing in a language is no request, whatever follows', () => {
    expect(decideLanguage({ text: 'Is the manual in English? also where is my order', typed: true }, { lang: 'en', langPinned: false }).switched).toBe(false);
  });
});
