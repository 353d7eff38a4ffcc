/**
 * The demo store's pre-sales answerer (data/) with its replies rendered as the buyer reads them, for
 * tests that ask it questions directly (no chat around it).
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createRenderer } from '../../src/bot/render.js';
import { createI18n } from '../../src/i18n/index.js';
import { createPresalesService, phraseFrom } from '../../src/services/catalog/index.js';
import type { Lang } from '../../src/domain/lang.js';

export interface Asked {
  answered: boolean;
  source: string;
  keys: string[];
  /** The replies' text, markdown escapes undone. */
  text: string;
}

export type Ask = (lang: Lang, q: string, page?: string) => Asked;

export async function demoPresalesAsker(): Promise<Ask> {
  const i18n = await createI18n();
  const renderer = createRenderer(i18n);
  const { service } = createPresalesService(fileURLToPath(new URL('../../data/', import.meta.url)), phraseFrom(i18n));
  return (lang, q, page) => {
    const a = service.answer(q, lang, page ? { pageProductId: page } : {});
    const text = renderer.render(a.replies, lang).map((r) => r.text).join('\n').replace(/\\(.)/g, '$1');
    return { answered: a.answered, source: a.source, keys: a.replies.map((r) => r.key), text };
  };
}

/** An abstention that offers the buyer a person. */
export function expectAbstention(a: Asked): void {
  expect(a.answered).toBe(false);
  expect(a.keys).toEqual(['faq:noMatch']);
  expect(a.text).toMatch(/team|人工/);
}
