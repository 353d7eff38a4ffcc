/** The shared answer reader, both languages: yes/no with negation, ordinals, item names, conditions, reasons. */
import { describe, expect, it } from 'vitest';
import { asksAboutParcel, negatedAction, readComplaintCategory, readCondition, readFollowUp, readItems, readOrdinal, readReason, readRemedy, readReturnOption, readYesNo } from '../../src/nlu/answers.js';

const ITEMS = ['Cast iron skillet, 26 cm', 'Silicone spatula set of 2', 'Oven mitts, pair'];

describe('answer reader', () => {
  it.each([
    ['yes please go ahead and cancel it', 'en', 'yes'],
    ['sure, do it', 'en', 'yes'],
    ['yeah that works', 'en', 'yes'],
    ['no problem', 'en', 'yes'],
    ['好的，取消吧', 'zh', 'yes'],
    ['嗯嗯 没问题', 'zh', 'yes'],
    ['ok 那cancel吧', 'zh', 'yes'],
    ['行', 'zh', 'yes'],
    ["hmm no, don't cancel it, I'll pick it up from the old flat", 'en', 'no'],
    ['yes, keep the order', 'en', 'no'],
    ['No, keep the order', 'en', 'no'],
    ['never mind', 'en', 'no'],
    ['先别取消了', 'zh', 'no'],
    ['不要取消', 'zh', 'no'],
    ['不取消，保留订单', 'zh', 'no'],
    ['算了', 'zh', 'no'],
    ['what is the weather', 'en', undefined],
  ] as const)('yes/no: %s → %s', (text, lang, expected) => {
    expect(readYesNo(text, lang)).toBe(expected);
  });

  it.each([
    ["don't cancel my order", 'en', 'cancel'],
    ['please do not send it back', 'en', 'return'],
    ["I don't want to make a complaint", 'en', 'complaint'],
    ['no need to transfer me to an agent', 'en', 'handoff'],
    ['别改地址', 'zh', 'change_address'],
    ['不想退货了', 'zh', 'return'],
    ['能不能取消', 'zh', undefined],
    ['cancel my order please', 'en', undefined],
  ] as const)('negated action: %s → %s', (text, lang, expected) => {
    expect(negatedAction(text, lang)).toBe(expected);
  });

  it.each([
    ['the oven mitts', [2]],
    ['the skilet', [0]],
    ['spatulas', [1]],
    ['the first one', [0]],
    ['2', [1]],
    ['第二个', [1]],
    ['第三个 隔热手套', [2]],
    ['那个平底锅', [0]],
    ['all of them', 'all'],
    ['全部', 'all'],
    ['just 1 of the 2 pairs', undefined],
    ['yes please', undefined],
  ] as const)('items: %s → %j', (text, expected) => {
    expect(readItems(text, ITEMS)).toEqual(expected);
  });

  it('ordinals stay inside the list', () => {
    expect(readOrdinal('the fifth one', 3)).toBeUndefined();
    expect(readOrdinal('the last one', 3)).toBe(2);
  });

  it.each([
    ['Unopened', 'unopened'],
    ['未拆封', 'unopened'],
    ['没穿过 吊牌都在', 'unopened'],
    ["it's unworn, tags still on", 'unopened'],
    ['Opened, everything included', 'opened'],
    ['used it twice', 'used'],
    ['some parts are missing', 'incomplete'],
    ['已经用过几次了', 'used'],
  ] as const)('condition: %s → %s', (text, expected) => {
    expect(readCondition(text)).toBe(expected);
  });

  it.each(['不用了', '算了不用了', '没用过'])('"%s" never reads as a used item', (text) => {
    expect(readCondition(text)).not.toBe('used');
  });

  it.each([
    ['直接退款吧 不想再等了', 'refund'],
    ['别跟我说重发 直接退款', 'refund'],
    ["no refund, just send another one", 'reship'],
    ['给我补发吧', 'reship'],
    ['那refund要多久到账', undefined],
    ['how long does the refund take?', undefined],
  ] as const)('remedy: %s → %s', (text, expected) => {
    expect(readRemedy(text)).toBe(expected);
  });

  it.each([
    ['就手套 锅和铲子不退', [2]],
    ['just the mitts, not the pan', [2]],
  ] as const)('items after "just / 就": %s', (text, expected) => {
    expect(readItems(text, ['Cast iron skillet, 26 cm', 'Silicone spatula set of 2', 'Oven mitts, pair'])).toEqual(expected);
  });

  it.each([
    ['they warped the first time I used them', 'en', 'defective'],
    ['arrived cracked', 'en', 'damaged'],
    ['铸铁锅有裂纹', 'zh', 'damaged'],
    ['买多了用不了那么多', 'zh', 'no_longer_needed'],
    ['I ordered two by accident', 'en', 'ordered_by_mistake'],
    ['Wrong size or colour', 'en', 'wrong_size_or_colour'],
    // Snapped in two: damage, told in either language (not "判断", "不断", "断货").
    ['收到的时候勺子柄就断掉了', 'zh', 'damaged'],
    ['one of the two came snapped', 'en', 'damaged'],
    ['the handle broke off the first day', 'en', 'damaged'],
    ['判断不了是不是坏的', 'zh', 'defective'],
    ['这个颜色断货了吗', 'zh', undefined],
  ] as const)('reason: %s → %s', (text, lang, expected) => {
    expect(readReason(text, lang)).toBe(expected);
  });

  it('return options: a plain yes takes the first offered, words pick theirs, a no picks none', () => {
    expect(readReturnOption('yes go ahead', 'en', ['refund', 'replacement'])).toBe('refund');
    expect(readReturnOption('can I get a new one instead', 'en', ['refund', 'replacement'])).toBe('replacement');
    expect(readReturnOption('换一个新的', 'zh', ['refund', 'replacement'])).toBe('replacement');
    // The bare verb typed at the offer is the pick.
    for (const t of ['退', '退吧！', '那就退了', '退钱']) expect(readReturnOption(t, 'zh', ['refund', 'replacement'])).toBe('refund');
    for (const t of ['换', '换吧', '那就换一个']) expect(readReturnOption(t, 'zh', ['refund', 'replacement'])).toBe('replacement');
    expect(readReturnOption('退', 'zh', ['replacement'])).toBeUndefined();
    expect(readReturnOption("no, don't return it", 'en', ['refund', 'replacement'])).toBeUndefined();
    // The returnless option's own label, typed: an option, not the "keep the order" of a cancel.
    expect(readReturnOption('Keep it, refund $7.99', 'en', ['refund', 'replacement', 'returnless_refund'])).toBe('returnless_refund');
    expect(readReturnOption('不用寄回，退款 US$7.99', 'zh', ['refund', 'replacement', 'returnless_refund'])).toBe('returnless_refund');
  });

  it('complaint kinds: the problem before the review; a review deal names no kind', () => {
    expect(readComplaintCategory('my headset was supposed to arrive days ago, i am leaving a 1 star review')).toBe('delivery');
    expect(readComplaintCategory('I left a 1 star review because your service was terrible')).toBe('negative_review');
    expect(readComplaintCategory('退款的话我就把差评删掉', { reviewDeal: true })).toBeUndefined();
    expect(readComplaintCategory('什么破物流 还没到')).toBe('delivery');
    // Round 9: a stuck or lost parcel told without a delivery word.
    expect(readComplaintCategory('I want to make a complaint. My order has been stuck for 20 days, DHL says nothing')).toBe('delivery');
    expect(readComplaintCategory('20 days and nothing arrived. i want to make a formal complaint')).toBe('delivery');
    expect(readComplaintCategory('8 days and my headset still isn\'t here')).toBe('delivery');
    expect(readComplaintCategory('包裹卡在海关20天了')).toBe('delivery');
    expect(readComplaintCategory('the pan came covered in rust')).toBe('product_quality');
  });

  it('a no to the proviso, then yes in the last sentence, takes the offer (round 9)', () => {
    expect(readReturnOption('nope its unopened, just ordered by mistake. yes make the return', 'en', ['refund'])).toBe('refund');
    expect(readReturnOption('没有 还没拆封 就是买错了。好的 退吧', 'zh', ['refund', 'replacement'])).toBe('refund');
    // A no that stays a no.
    expect(readReturnOption('nope, not now. i need to think', 'en', ['refund'])).toBeUndefined();
  });

  it('a question about the parcel at the remedy offer (round 9)', () => {
    expect(asksAboutParcel('so its late right? whats going on with usps')).toBe(true);
    expect(asksAboutParcel('所以就是延误了对吧？usps那边到底怎么回事')).toBe(true);
    expect(asksAboutParcel('refund please')).toBe(false);
  });

  it('follow-ups about the order already discussed', () => {
    expect(readFollowUp('ugh ok. when is it going to get here then?')).toBe('arrival');
    expect(readFollowUp('那什么时候能到？')).toBe('arrival');
    expect(readFollowUp('and the other one?')).toBe('another');
    expect(readFollowUp('thanks')).toBeUndefined();
  });
});
