import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/nlu/entities.js';
import { detectReviewBargain } from '../../src/nlu/review-bargain.js';

const NOW = new Date('2026-11-18T15:00:00Z');

describe('review bargains (a review change offered for something)', () => {
  it.each([
    ['en', "I'll delete my 1-star review if you refund me"],
    // Round 5: money named and wanted back, and "make it N stars".
    ['en', 'send me 15 dollars back and I will bump my rating up'],
    ['en', 'a voucher and I would make it four stars, fair?'],
    ['en', 'If you give me a refund I will remove my bad review'],
    ['en', 'I will change my review to 5 stars if you send me a new one for free'],
    ['en', "I'll take down my negative review if you refund order 111-5820437-6619203"],
    ['en', 'Give me a discount and I will update my rating'],
    ['zh', '给我退款我就删差评'],
    ['zh', '退款的话我就把差评删掉'],
    ['zh', '只要补偿我就改成好评'],
    ['zh', '我想退货，只要全额退款我就改好评'],
    ['en', 'coupon please, then I edit my feedback'],
    ['en', 'send a gift card, I will amend feedback'],
    ['en', 'I am willing to withdraw my feedback in return for a little credit'],
    ['en', 'Refund me and I will take my review down'],
    ['zh', '给我补偿我就撤掉评论'],
    ['zh', '给个优惠券就把评价改了吧'],
    ['zh', '发个优惠券，我把中评改成好评'],
    // A review withheld in exchange (dev3 zh-419).
    ['zh', '你们给点补偿我就不给差评'],
    ['zh', '退款的话我就不打差评了'],
  ] as const)('%s: %s', (lang, text) => {
    expect(detectReviewBargain(text, lang)).toBe(true);
    expect(extractEntities(text, lang, NOW)).toContainEqual({ type: 'reviewBargain', value: 'offered' });
  });

  it.each([
    ['en', 'I left a 1 star review because your service was terrible and nobody answered my emails'],
    ['en', 'I want a refund for order 111-5820437-6619203, it arrived broken'],
    ['en', 'Please change the shipping address and refund the shipping'],
    ['en', 'How do I leave a review?'],
    ['en', "make it quick please, I need a refund, I'll come back for 5 more"],
    ['en', 'I gave it 5 stars, can I get my 20 dollars back for the broken one?'],
    ['zh', '你们客服太差了，邮件一直没人回，我已经给了一星差评'],
    ['zh', '我要退款，商品收到就坏了'],
    ['zh', '下星期能退款吗？地址要改一下'],
    // The change has to act on the review, and the review has to be offered for something.
    ['zh', '我要取消订单退款，已经给了差评'],
    // Asking whether a good review earns cash back offers no change to a review: a shop question.
    ['zh', '地址填错了想改一下，顺便问下好评返现吗'],
    ['zh', '商品坏了要退款，评价我改天再写'],
    ['en', 'Can I change my order to a new one? I will leave a review after'],
  ] as const)('not a bargain, %s: %s', (lang, text) => {
    expect(detectReviewBargain(text, lang)).toBe(false);
    expect(extractEntities(text, lang, NOW).some((e) => e.type === 'reviewBargain')).toBe(false);
  });
});
