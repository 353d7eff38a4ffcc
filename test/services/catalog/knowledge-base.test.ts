import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../src/i18n/index.js';
import { loadKnowledgeBase, validateKnowledgeBase } from '../../../src/services/catalog/knowledge-base.js';
import { startPresales } from '../../../src/services/catalog/index.js';

const DATA = new URL('../../../data/', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('knowledge base', () => {
  it('the shipped knowledge base and catalog load without a single problem', () => {
    expect(loadKnowledgeBase(path.join(DATA, 'kb')).problems).toEqual([]);
  });

  it('names every bad entry and keeps the good ones', () => {
    const { kb, problems } = validateKnowledgeBase(
      {
        shipping: { destinations: [{ code: 'CA', country: 'Canada', standard: { cost: { amount: 12.99, currency: 'USD' }, time: '7-14 business days' } }, { code: 'canada', country: 'Canada' }] },
        entries: [
          { id: 'gift', questions: ['Do you gift wrap?'], answer: 'No, but you can add a gift message.' },
          { id: 'Bad Id', questions: ['x?'], answer: 'y' },
          { id: 'empty', questions: [], answer: '' },
          { id: 'gift', questions: ['again?'], answer: 'again' },
        ],
      },
      'en',
    );
    expect(kb.entries.map((e) => e.id)).toEqual(['gift']);
    expect(kb.destinations.map((d) => d.code)).toEqual(['CA']);
    expect(problems.map((p) => p.where)).toEqual(['shipping.destinations[1]', 'entries[1] (id: Bad Id)', 'entries[2] (id: empty)', 'entries[3] (id: gift)']);
    expect(problems[3]?.reason).toBe('duplicate id gift');
  });

  it('an edited file answers without a restart, and a broken edit is reported while the rest keeps answering', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
    dirs.push(dir);
    cpSync(path.join(DATA, 'kb'), path.join(dir, 'kb'), { recursive: true });
    cpSync(path.join(DATA, 'catalog'), path.join(dir, 'catalog'), { recursive: true });
    const warnings: unknown[] = [];
    const logger = { warn: (o: unknown) => warnings.push(o), info: () => {}, error: () => {} };
    const rt = startPresales({ dataDir: dir, i18n: await createI18n(), logger });
    try {
      const ask = 'Do you sell gift cards for the shop?';
      expect(rt.current().answer(ask, 'en').answered).toBe(false);
      const kbFile = path.join(dir, 'kb', 'en.json');
      const data = JSON.parse((await import('node:fs')).readFileSync(kbFile, 'utf8')) as { entries: unknown[] };
      data.entries.push({ id: 'shop_gift_cards', questions: ['Do you sell gift cards for the shop?'], answer: 'Yes: shop gift cards from $10 to $200.' }, { id: 'broken', questions: ['?'], answer: '' });
      writeFileSync(kbFile, JSON.stringify(data));
      await expect.poll(() => rt.current().answer(ask, 'en').answered, { timeout: 5000 }).toBe(true);
      expect(rt.problems().join('\n')).toMatch(/entries\[\d+\] \(id: broken\)/);
      expect(warnings.length).toBeGreaterThan(0);
    } finally {
      rt.close();
    }
  });
});
