import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Records and transcript elements stored before the plain format name the dictionary they were packed
 * with, and `npm run migrate-state` reads them with these files; a changed
 * dictionary would make every one of them unreadable. A new wording gets a new version file.
 */
const RELEASED: Record<string, string> = {
  'record-dictionary.v1.json': 'e4fade0db58fe6b5b9554e8d924c4e1557126068cc485d730b4c47a8f86e14f2',
  'transcript-dictionary.v1.en.txt': '6b0c28325c9dc570e6f345c25ffe081a0ece89722c05a769ca1823473adee5d6',
  'transcript-dictionary.v1.zh.txt': '8f8de228e4f91489b2a1af92fb55c66e30e6c5d6a67ca0d7ab12d96abe4f49d8',
  'transcript-templates.v2.en.json': '1fe0f3e84b0470015932799bfe1283d6961a9d49a267547363b72cd542d73d54',
  'transcript-templates.v2.zh.json': 'df2fdf920af28a217aa8c9dacc540e1def805d3696669f1bf5b4c3b625e0849c',
};

describe('released dictionaries', () => {
  it.each(Object.entries(RELEASED))('%s is unchanged', (file, sha256) => {
    const bytes = readFileSync(new URL(`../../scripts/migrate-state/${file}`, import.meta.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });
});
