import { describe, expect, it } from 'vitest';
import { decideLanguage } from '../../src/bot/turn-language.js';

describe('decideLanguage: the one place a turn chooses the buyer language', () => {
  it('starts from the channel locale, and what the buyer types moves it', () => {
    expect(decideLanguage({ text: '', typed: false, localeHint: 'zh-CN' })).toEqual({ lang: 'zh', pinned: false, switched: false });
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
    expect(asked).toEqual({ lang, pinned: true, switched: true });
    const other = lang === 'en' ? '你好' : 'hello';
    expect(decideLanguage({ text: other, typed: true }, { lang, langPinned: true })).toEqual({ lang, pinned: true, switched: false });
  });
});
