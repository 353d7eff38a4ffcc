/**
 * Mechanisms of round 5 (set D read as development material), checked in both languages against the
 * demo data with other products and wordings than the bench sets': the guards that turn a wrong fact
 * into an answer for each product or an abstention.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPresalesAsker, type Ask } from '../../support/presales.js';

let ask: Ask;

beforeAll(async () => {
  ask = await demoPresalesAsker();
});

describe('two products joined by "and" are each answered, like a comparison', () => {
  it('answers the price or stock of both, in the order named (en)', () => {
    const price = ask('en', 'what do the yoga mat and the backpack cost');
    expect(price.source).toMatch(/^compare:product:YOGA-MAT-6MM:price\+product:BAG-BACKPACK-25:price/);
    expect(price.text).toContain('$29.99');
    expect(price.text).toContain('$64.99');
    const stock = ask('en', 'are the umbrella and the rain jacket in stock');
    expect(stock.source).toMatch(/^compare:product:UMBR-AUTO-FOLD:stock.*\+product:JACKET-RAIN:stock/);
  });

  it('answers the price or stock of both (zh)', () => {
    const price = ask('zh', '瑜伽垫和双肩包各多少钱');
    expect(price.text).toContain('¥189');
    expect(price.text).toContain('¥429');
    expect(ask('zh', '雨伞跟冲锋衣有货吗').source).toMatch(/^compare:product:UMBR-AUTO-FOLD:stock.*\+product:JACKET-RAIN:stock/);
  });

  it('keeps one product when the other name is a fact of it (the grinder grinds for a French press)', () => {
    expect(ask('en', 'does the grinder work for french press and espresso').source).toMatch(/^product:GRINDER-BURR-M:/);
  });
});

describe('a part that names nothing asks about the part before it', () => {
  it('never answers "and what does it cost" from the shop at large after an unanswered part (en)', () => {
    const a = ask('en', 'what is the slowest shipping you have to Canada and what is the price');
    // Whatever the first part gives, the price part is never the price-match entry.
    expect(a.source).not.toContain('kb:price_match');
  });

  it('after a product part, the product is the subject (en, zh)', () => {
    expect(ask('en', 'is the kettle cordless? and what is the price').source).toMatch(/KETTLE-GLS-17:price/);
    expect(ask('zh', '鼠标是静音的吗？多少钱').source).toMatch(/MOUSE-WL-SIL/);
  });
});

describe('哪几种 asks for the kinds sold', () => {
  it('lists the variants of a product sold in colours', () => {
    const a = ask('zh', '耳机有哪几种颜色可以选');
    expect(a.source).toBe('product:HEADSET-BT-PRO:stock');
    expect(a.text).toContain('藏青色');
  });
});

describe('superlative shipping words are the shipping answer', () => {
  it('"fastest" / "cheapest" to a country served gives its rates', () => {
    expect(ask('en', 'fastest delivery option to Germany?').text).toContain('€9.90');
    expect(ask('en', 'cheapest shipping to Canada').text).toContain('$12.99');
  });
});

describe('a long run-on message is read once per way, and the same answer twice', () => {
  it('answers a repeated message the same (nothing kept from one message to the next)', () => {
    const q = '想送给朋友当礼物，包裹里会不会有价格？另外能帮忙写贺卡吗';
    const first = ask('zh', q);
    ask('zh', '台灯多少钱');
    expect(ask('zh', q)).toEqual(first);
    const en = 'my friend has a birthday soon, is the price shown in the parcel? also can you add a note';
    expect(ask('en', en)).toEqual(ask('en', en));
  });
});

describe('a question particle and a space end a Chinese question', () => {
  it('answers both questions of 吗 + space + question', () => {
    const a = ask('zh', '可以用支付宝吗 什么时候扣款');
    expect(a.source).toMatch(/^parts:kb:payment_methods\+kb:/);
  });
});

describe('two countries in one shipping question are each answered, or none', () => {
  it('gives both rates in the order named (en, zh)', () => {
    const en = ask('en', 'delivery to france or to italy, which takes longer?');
    expect(en.source).toBe('compare:shipping:FR+shipping:IT');
    const zh = ask('zh', '寄英国和寄法国各要几天');
    expect(zh.source).toBe('compare:shipping:GB+shipping:FR');
    expect(zh.text).toContain('1-4');
  });

  it('abstains when one of them is not served (no half answer)', () => {
    expect(ask('zh', '寄日本和新加坡多少钱').answered).toBe(false);
    expect(ask('en', 'shipping cost to japan and to singapore?').answered).toBe(false);
  });
});

describe('a country no fact names, in a product question, is a trip abroad', () => {
  it('answers where the product works (input voltage), en and zh, named or on its page', () => {
    expect(ask('en', 'can I take the 65w charger to australia').text).toContain('100-240');
    expect(ask('en', 'does it work on the voltage in canada', 'CHARGER-GAN-65').text).toContain('100-240');
    expect(ask('zh', '氮化镓充电器拿到美国能用吗').text).toContain('100-240');
  });

  it('keeps a country a fact names (the kettle is not for Japan\'s 110 V)', () => {
    expect(ask('en', 'would the kettle work in japan').text).toContain('not for 110-120 V');
  });
});

describe('English clauses that set the scene (if, before, had, gonna) are dropped when the whole finds no answer', () => {
  it('answers the asking clause, keeping the product the scene named', () => {
    expect(ask('en', 'if i go camping for the weekend how long does the bluetooth speaker battery last').text).toContain('12 hours');
    expect(ask('en', 'how hot can the cast iron skillet get before the handle cover burns').text).toContain('260');
    expect(ask('en', 'is the chef\'s knife dishwasher safe? gonna use it daily').text).toContain('not dishwasher safe');
  });

  it('still abstains when the asking clause names a fact not stated', () => {
    expect(ask('en', 'if my kid spills juice on the keyboard is it waterproof').answered).toBe(false);
    expect(ask('en', 'before I buy, does the desk lamp have a sleep timer').answered).toBe(false);
  });
});

describe('currencies by short or spoken names, measures spelled out, noise asked in other words', () => {
  it('reads 多少镑 / 多少欧 / quid as the price in that currency', () => {
    expect(ask('zh', '鼠标多少欧').text).toContain('€23.99');
    expect(ask('zh', '瑜伽垫要多少镑').text).toContain('£24.99');
    expect(ask('en', 'how many quid is the yoga mat').text).toContain('£24.99');
  });

  it('reads "1 meter" as the variant "1 m"', () => {
    expect(ask('en', 'is the 1 meter usb-c cable in stock').text).toContain('1 m');
  });

  it('reads 吵 / 安静 as the noise fact, and abstains where there is none', () => {
    expect(ask('zh', '料理机吵吗').text).toContain('88');
    expect(ask('zh', '料理机声音大吗').text).toContain('88');
    expect(ask('zh', '雨伞安静吗').answered).toBe(false);
  });
});

describe('where the buyer is, said in one part, is where a later shipping part ships to', () => {
  it('answers each part, the shipping one to the place said before (en, zh)', () => {
    const en = ask('en', 'I live in Canada. is the kettle in stock? and how long does delivery take');
    expect(en.source).toBe('parts:product:KETTLE-GLS-17:stock+shipping:CA');
    const zh = ask('zh', '我在德国 鼠标多少欧？邮费咋算');
    expect(zh.source).toBe('parts:product:MOUSE-WL-SIL:price+shipping:DE');
    expect(zh.text).toContain('€23.99');
  });

  it('reads 直接 as a manner word, not a fact asked', () => {
    expect(ask('zh', '法压壶能直接放洗碗机吗').answered).toBe(true);
  });
});

describe('Chinese clauses that set the scene (想买…送…, 打算, 如果) are dropped when the whole finds no answer', () => {
  it('answers the asking clauses, keeping the product the scene named', () => {
    expect(ask('zh', '如果收到后不喜欢 能退吗').text).toContain('30 天');
    expect(ask('zh', '刚下单就后悔了 多久之内能取消').text).toContain('30 分钟');
  });

  it('still abstains when what is asked is not stated (the bottle has no gift box)', () => {
    expect(ask('zh', '打算买个保温杯送同事，有礼盒装吗').answered).toBe(false);
    expect(ask('zh', '想给我爸买个磨豆机当礼物，有礼盒吗').answered).toBe(false);
  });

  it('keeps time words (之后 / 以后): they are conditions, not frame', () => {
    // "after the warranty ends" is not the warranty's length.
    expect(ask('zh', '保修期过了以后坏了怎么办').answered).toBe(false);
  });
});

describe('a Chinese word sharing a character only one attribute name of the catalog holds asks that attribute', () => {
  it('finds the attribute whatever the rest of the word (闪烁 → 频闪, 掉絮 → 掉毛, 打滑 → 防滑)', () => {
    expect(ask('zh', '台灯会闪烁吗').text).toContain('无频闪');
    expect(ask('zh', '毯子会掉絮吗').text).toContain('掉毛');
    expect(ask('zh', '瑜伽垫会打滑吗').text).toContain('防滑');
  });

  it('still needs every other word accounted for', () => {
    expect(ask('zh', '手机壳摔地上能护住吗').answered).toBe(false);
  });
});

describe('chat filler: "atm", "any idea"', () => {
  it('answers the question around them', () => {
    expect(ask('en', 'which colours of the yoga mat do u have atm').text).toContain('purple');
    expect(ask('en', 'any idea how heavy the backpack is').answered).toBe(true);
  });
});
