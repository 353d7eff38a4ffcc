/**
 * Every reply key written in the code exists in both languages. Keys are found statically: string
 * literals shaped `ns:key` (ns = a locale file) in dialogs/ and src/. A template literal such as
 * `faq:answers.${id}` is checked up to its first placeholder: that subtree must exist. This is what
 * would have caught `faq:noMatch` reaching buyers as a raw key.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readLocales } from '../../src/i18n/index.js';
import { LANGS } from '../../src/domain/lang.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const resources = readLocales();
const NAMESPACES = Object.keys(resources.en);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface Found {
  file: string;
  ns: string;
  path: string;
  /** True for a template literal: `path` is only the part before the first placeholder. */
  prefix: boolean;
}

/** `'ns:a.b'`, `"ns:a.b"`, `` `ns:a.b` `` and `` `ns:a.${x}` ``, for the locale namespaces only. */
function findKeys(file: string, text: string): Found[] {
  const re = new RegExp(String.raw`(['"\x60])(${NAMESPACES.join('|')}):([A-Za-z0-9_.]*)(\$\{|\1)`, 'g');
  return [...text.matchAll(re)].map((m) => ({
    file,
    ns: m[2] ?? '',
    path: m[3] ?? '',
    // `'agent:canned.'` (used with startsWith) names a subtree too.
    prefix: m[4] === '${' || (m[3] ?? '').endsWith('.'),
  }));
}

function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.').filter(Boolean)) {
    if (typeof node !== 'object' || node === null || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const found = [...sources(join(ROOT, 'dialogs')), ...sources(join(ROOT, 'src'))].flatMap((file) =>
  findKeys(relative(ROOT, file), readFileSync(file, 'utf8')),
);

describe('reply keys used in the code', () => {
  it('finds the keys it is meant to check (the scan itself works)', () => {
    const keys = found.map((f) => `${f.ns}:${f.path}`);
    expect(keys).toContain('common:offerAgent');
    expect(keys).toContain('faq:noMatch');
    expect(keys).toContain('verify:askOrderId');
    expect(keys).toContain('presales:kb');
    // A missing key is reported, not silently accepted.
    const [fake] = findKeys('x.ts', "say('faq:notThere')");
    expect(fake && lookup(resources.en[fake.ns], fake.path)).toBeUndefined();
  });

  for (const lang of LANGS) {
    it(`every literal key exists in ${lang} as a sentence`, () => {
      const missing = found
        .filter((f) => !f.prefix)
        // A key rendered with `count` may exist only as its plural forms (i18next `_one`/`_other`).
        .filter((f) => ![f.path, `${f.path}_other`].some((path) => typeof lookup(resources[lang][f.ns], path) === 'string'))
        .map((f) => `${f.file}: ${f.ns}:${f.path}`);
      expect(missing).toEqual([]);
    });

    it(`every key built from a template has its subtree in ${lang}`, () => {
      const missing = found
        .filter((f) => f.prefix)
        .filter((f) => {
          const node = f.path === '' ? resources[lang][f.ns] : lookup(resources[lang][f.ns], f.path.replace(/\.$/, ''));
          return typeof node !== 'object' || node === null || Object.keys(node).length === 0;
        })
        .map((f) => `${f.file}: ${f.ns}:${f.path}\${...}`);
      expect(missing).toEqual([]);
    });
  }
});
