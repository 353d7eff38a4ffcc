/**
 * Round 9, a buyer's-choice return whose options are offered (blind11 en-1122): "nope its unopened, just ordered by
 * mistake. yes make the return" answers the proviso with a no and then agrees: the return is created, not offered
 * again. Both languages, through the real app.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/domain/lang.js';
import { DEMO, harness, postalOf } from '../support/transcript.js';
import { LANGS } from './phrases.js';

const W: Record<Lang, { start: (id: string) => string; agree: string }> = {
  en: {
    start: (id) => `hey i ordered a usb c cable by accident, already have one. can i return it? ${id}`,
    agree: 'nope its unopened, just ordered by mistake. yes make the return',
  },
  zh: {
    start: (id) => `数据线买错了 家里已经有一根了 能退吗 ${id}`,
    agree: '没有 还没拆封 就是买错了。好的 退吧',
  },
};

describe.each(LANGS)('a no to the proviso, then yes (%s)', (lang) => {
  it('creates the buyer’s-choice return', async () => {
    const h = await harness();
    const c = h.chat();
    const id = DEMO.cheapDamaged.id;
    await c.say(W[lang].start(id));
    await c.say(await postalOf(h, id));
    await c.say(W[lang].agree);
    const [ret] = await h.assistant.services.orders.listReturns(id);
    expect(ret).toBeDefined();
  });
});
