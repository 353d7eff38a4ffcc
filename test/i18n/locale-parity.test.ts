import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, readLocales } from '../../src/i18n/index.js';

type Tree = { [k: string]: string | Tree };

function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (typeof tree === 'object' && tree !== null)
    for (const [k, v] of Object.entries(tree as Tree)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const resources = readLocales();

  it('has the same namespace files in en and zh', () => {
    expect(readdirSync(join(LOCALES_DIR, 'zh')).sort()).toEqual(readdirSync(join(LOCALES_DIR, 'en')).sort());
  });

  for (const ns of Object.keys(resources.en)) {
    it(`${ns}: identical keys, no empty strings, same interpolation variables`, () => {
      const en = leaves(resources.en[ns]);
      const zh = leaves(resources.zh[ns]);
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of en) {
        expect(text.trim(), `en ${ns}:${key}`).not.toBe('');
        expect(zh.get(key)?.trim(), `zh ${ns}:${key}`).not.toBe('');
        expect(vars(zh.get(key) ?? ''), `${ns}:${key}`).toEqual(vars(text));
      }
    });
  }

  it('Chinese strings are actually Chinese (no untranslated English sentences)', () => {
    for (const ns of Object.keys(resources.zh)) {
      for (const [key, text] of leaves(resources.zh[ns])) {
        const words = text.replace(/\{\{[^}]+\}\}/g, '').match(/[A-Za-z]{4,}/g) ?? [];
        const han = text.match(/\p{Script=Han}/gu) ?? [];
        // Punctuation-only strings (a "：" separator) are fine; English words need Chinese around them.
        if (words.length > 0) expect(han.length, `zh ${ns}:${key} looks untranslated: "${text}"`).toBeGreaterThan(words.length > 3 ? 4 : 0);
      }
    }
  });
});
