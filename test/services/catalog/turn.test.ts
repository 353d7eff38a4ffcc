import { describe, expect, it } from 'vitest';
import { PresalesTurn, onlyIdentifiers } from '../../../src/services/catalog/turn.js';
import type { PresalesService } from '../../../src/services/catalog/presales.js';

/** The pre-sales step of a turn: which messages it asks the catalog about at all. */
describe('PresalesTurn', () => {
  const asked: string[] = [];
  const service = {
    answer(text: string) {
      asked.push(text);
      return { answered: true, source: 'catalog', replies: [{ key: 'presales:fact' }] };
    },
  } as unknown as PresalesService;
  const turn = new PresalesTurn(() => service);

  it('messages made only of identifiers (a verification answer) are not asked of the catalog', () => {
    asked.length = 0;
    for (const text of ['113-4829106-7730215', 'emily.carter@example.com', 'M14 6BL', 'wang.fang@example.cn 100022', '97205'])
      expect(turn.forTurn(text, 'en', { intent: 'none', score: 0 })).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('a question with words is asked, and one the catalog answers becomes a FAQ turn', () => {
    asked.length = 0;
    expect(turn.forTurn('is the 2m one in stock', 'en', { intent: 'none', score: 0 })?.intent).toBe('faq');
    expect(turn.forTurn('邮编100022的地方运费多少', 'zh', { intent: 'none', score: 0 })?.intent).toBe('faq');
    expect(asked).toHaveLength(2);
  });

  it('a question read as FAQ is always asked, identifiers or not', () => {
    asked.length = 0;
    turn.forTurn('97205', 'en', { intent: 'faq', score: 0.8 });
    expect(asked).toEqual(['97205']);
  });

  it("a buyer's own return is not asked of the catalog; a hypothetical return question is", () => {
    asked.length = 0;
    expect(turn.forTurn('my kettle arrived broken, I want to return it', 'en', { intent: 'return_item', score: 0.9 })).toBeUndefined();
    expect(turn.forTurn('退货 订单号 113-4829106-7730215', 'zh', { intent: 'return_item', score: 0.9, entities: [{ type: 'orderId' }] })).toBeUndefined();
    expect(asked).toEqual([]);
    turn.forTurn('if the shoes don’t fit can I send them back?', 'en', { intent: 'return_item', score: 0.9 });
    expect(asked).toHaveLength(1);
  });

  it('onlyIdentifiers', () => {
    expect(onlyIdentifiers('order 113-4829106-7730215')).toBe(false);
    expect(onlyIdentifiers('第二个')).toBe(false);
    expect(onlyIdentifiers(' 113-4829106-7730215 , eh2 2pr ')).toBe(true);
  });
});
