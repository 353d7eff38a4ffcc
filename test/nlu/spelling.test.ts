import { describe, expect, it } from 'vitest';
import { editDistance, SpellingCorrector } from '../../src/nlu/spelling.js';

const corpus = ['where is my package', 'I want to cancel my order', 'please change the address', 'I need a refund', 'the seat is broken'];
const speller = new SpellingCorrector(corpus, new Set(['heating', 'seating']));

describe('SpellingCorrector', () => {
  it.each([
    ['wheres my pakage', "where's my package"],
    ['cancell my ordr pls', 'cancel my ordr pls'],
    ['chnage the adress', 'change the address'],
    ['i need a rfeund', 'i need a refund'],
    // real words the corpus lacks are kept; so are emails, codes and short words
    ['the heating stopped', 'the heating stopped'],
    ['mail me at pakage@exmaple.com', 'mail me at pakage@exmaple.com'],
    ['RMA-PAKAGE123', 'RMA-PAKAGE123'],
    ['malt', 'malt'],
  ])('%s → %s', (text, expected) => {
    expect(speller.correct(text)).toBe(expected);
  });

  it('counts an adjacent swap as one edit and gives up past the limit', () => {
    expect(editDistance('refnud', 'refund', 1)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
