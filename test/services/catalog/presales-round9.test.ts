/**
 * Round 9 (issue 19): classes of wrong facts and misses read off set H, checked in both languages
 * against the demo data with products and wordings other than the bench set's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPresalesAsker, expectAbstention, type Ask } from '../../support/presales.js';

let ask: Ask;

beforeAll(async () => {
  ask = await demoPresalesAsker();
});

describe('a price or time asked after "do you ship there?" of a country we do not serve', () => {
  it('is answered by "we don\'t ship there", not named as a part left unanswered (en)', () => {
    const a = ask('en', 'do you ship to india? how long does it take');
    expect(a.answered).toBe(true);
    expect(a.text).toContain("don't ship to India");
  });

  it('is answered the same way in Chinese, in the knowledge base\'s words (zh)', () => {
    const a = ask('zh', '寄巴西吗 要几天');
    expect(a.answered).toBe(true);
    expect(a.text).toContain('巴西暂时不发货');
    expect(a.answered).toBe(true);
  });

  it('still answers another product asked beside it (en)', () => {
    const a = ask('en', 'do you ship to india? how much is the lamp');
    expect(a.text).toContain("don't ship to India");
    expect(a.text).toContain('$39.99');
  });
});

describe('a share of a material asked is the composition', () => {
  it('answers how much of a material is in it from the materials fact (en)', () => {
    const a = ask('en', 'can i machine wash them? how much merino is in them', 'SOCKS-WOOL-3P');
    expect(a.text).toContain('70% merino wool');
    expect(a.answered).toBe(true);
  });

  it('answers 占比 of a material from the materials fact (zh)', () => {
    const a = ask('zh', '这双袜子羊毛占比多少', 'SOCKS-WOOL-3P');
    expect(a.text).toContain('70% 美利奴羊毛');
  });
});

describe('a sold-out variant asked with its price', () => {
  it('gives the variant in stock instead with its own price (en)', () => {
    const a = ask('en', 'is the 2 m usb-c cable in stock and what does it cost');
    expect(a.text).toContain('$9.99');
    expect(a.text).toMatch(/In stock instead: 1 m \$7\.99/);
  });

  it('gives the variant in stock instead with its own price (zh)', () => {
    const a = ask('zh', '2米的有货吗 多少钱', 'CABLE-USBC');
    expect(a.text).toMatch(/目前有货的是：1 米 \$7\.99/);
  });

  it('names the variant alone when no price was asked (en)', () => {
    const a = ask('en', 'is the 2m usb c cable in stock');
    expect(a.text).toContain('In stock instead: 1 m.');
  });
});

describe('words around what is asked: putting verbs and states (en)', () => {
  it('answers "toss it in the washer" from the care fact, with the heat asked too (en)', () => {
    const a = ask('en', 'oven mitts: can i chuck them in the washer, and how hot can they handle');
    expect(a.text).toContain('40 °C');
    expect(a.text).toContain('250 °C');
  });

  it('answers the stock "at the moment" (en)', () => {
    const a = ask('en', 'is the glass kettle in stock at the moment');
    expect(a.answered).toBe(true);
    expect(a.source).toBe('product:KETTLE-GLS-17:stock');
  });

  it('answers a battery life asked with noise cancelling turned on (en)', () => {
    const a = ask('en', 'how many hours does the headset last with anc switched on');
    expect(a.text).toContain('30 hours with ANC on');
  });
});

describe('what a rating, a tool or ink through paper is in the facts\' words (en)', () => {
  it('answers a water column rating from the waterproof rating (en)', () => {
    expect(ask('en', 'whats the water column rating on the rain jacket').text).toContain('10,000 mm');
  });

  it('answers a tool to pull the switches out from what is in the box (en)', () => {
    expect(ask('en', 'is there a tool to pull the switches out of the mechanical keyboard').text).toContain('switch puller');
  });

  it('answers bleeding through the pages from the ghosting fact (en)', () => {
    expect(ask('en', 'will my gel pen bleed thru the pages of the dot grid notebook').text).toContain('ghosting');
  });

  it('answers what drop a case is rated for from what it was tested to, and still abstains for a weight rating no fact states (en)', () => {
    expect(ask('en', 'what drop height is the phone case rated for').text).toContain('2 metres');
    expectAbstention(ask('en', 'what weight is the laptop stand rated for'));
  });

  it('answers a charge "at full power" from the maximum power (en)', () => {
    expect(ask('en', 'can the usb c cable charge my laptop at full power').text).toContain('100 W');
  });
});

describe('a shop question asked of an EU country', () => {
  it('is answered by the entry about the EU (en)', () => {
    expect(ask('en', 'how long is the legal guarantee in spain').text).toContain('2 years');
  });

  it('is answered by the entry about the EU (zh)', () => {
    expect(ask('zh', '在西班牙法定保修期多久').text).toContain('2 年');
  });

  it('answers the order amount that makes shipping free (en)', () => {
    expect(ask('en', 'what does shipping to canada cost and from what order amount is it free?').text).toContain('$150');
  });
});

describe('Chinese homophone typos of product words (zh)', () => {
  it('reads 建盘 as 键盘 (zh)', () => {
    expect(ask('zh', '建盘有几种轴').source).toBe('product:KB-MECH-87:stock');
  });

  it('reads 眼色 as 颜色 (zh)', () => {
    expect(ask('zh', '蓝牙音箱有哪些眼色').source).toBe('product:SPK-BT-MINI:stock');
  });

  it('reads the Taiwanese 蓝芽 as 蓝牙 (zh)', () => {
    expect(ask('zh', '蓝芽音箱防水吗').text).toContain('IPX7');
  });
});

describe('conditions, exceptions and places around what is asked (zh)', () => {
  it('answers what else comes in the box "除了…" (zh)', () => {
    expect(ask('zh', '除了茶壶还送什么', 'TEA-SET-CER6').text).toContain('礼盒');
  });

  it('answers 能进洗碗机吗 from the care fact (zh)', () => {
    expect(ask('zh', '保温杯能进洗碗机吗').text).toContain('不能放洗碗机');
  });

  it('answers 脏了 with how to wash it (zh)', () => {
    expect(ask('zh', '瑜伽垫脏了怎么洗').source).toBe('product:YOGA-MAT-6MM:care');
  });

  it('answers a car cup holder from the diameter fact, the car a place (zh)', () => {
    expect(ask('zh', '水瓶放车里杯架放得下吗', 'BOTTLE-STEEL-750').text).toContain('7.5 厘米');
  });

  it('answers breakage on the way (寄过来要是碎了) from the product\'s own breakage-in-transit fact (zh)', () => {
    expect(ask('zh', '寄过来的茶具要是碎了怎么办').text).toContain('补发');
  });
});

describe('Chinese wordings of a product fact (zh)', () => {
  it('answers 满电能听多久 with the battery life (zh)', () => {
    expect(ask('zh', '耳机满电能听多久').text).toContain('40 小时');
  });

  it('answers 扎人 / 扎脚 from the itchiness fact (zh)', () => {
    expect(ask('zh', '这袜子扎不扎皮肤').text).toContain('不扎');
  });

  it('answers 可视窗口 from the window fact, and 冰水 from keeping cold (zh)', () => {
    expect(ask('zh', '空气炸锅有可视窗口吗').text).toContain('没有可视窗');
    expect(ask('zh', '保温杯装冰水能保冷几小时').text).toContain('24 小时');
  });
});

describe('Chinese wordings of shop questions (zh)', () => {
  it('answers a same-day dispatch asked with the dispatch cut-off (zh)', () => {
    const a = ask('zh', '今天下单当天能发吗');
    expect(a.source).toBe('kb:delivery_times');
    expect(a.text).toContain('下午 2 点');
  });

  it('answers 被收关税 as the customs entry, beside the shipping time (zh)', () => {
    expect(ask('zh', '寄墨西哥要多久，会不会被收关税').source).toBe('parts:shipping:MX+kb:customs_duties');
  });

  it('answers 国内发货 as shipping within China, never a warehouse abroad (zh)', () => {
    expect(ask('zh', '国内发货要几天').text).toContain('3-5 天');
  });

  it('answers a shipping time and 会不会 customs as two parts (zh)', () => {
    const a = ask('zh', '寄加拿大要几天，会不会收关税');
    expect(a.text).toContain('7-14 个工作日');
    expect(a.text).toContain('关税');
  });

  it('answers when the card is charged "下单后" (zh)', () => {
    expect(ask('zh', '下单以后什么时候扣钱').source).toBe('kb:payment_process');
  });
});

describe('sizes asked by the buyer\'s own shoe size (zh)', () => {
  it('reads "我穿38码的鞋" as the buyer\'s shoe size, not our running shoes compared with the socks (zh)', () => {
    const a = ask('zh', '我穿38码的鞋，袜子要买哪个码');
    expect(a.source).toBe('kb:sizing_socks');
    expect(a.text).toContain('35-38');
  });

  it('answers a US size asked as 穿多大 / 对应多少码 from the shoe size chart (zh)', () => {
    expect(ask('zh', '美码10穿多大的跑鞋').text).toContain('US 10');
    expect(ask('zh', '跑鞋us10对应多少码').source).toBe('kb:sizing_shoes');
  });
});

describe('the second question of a message in the facts\' words (parts that made messages abstain)', () => {
  it('answers "coming back" as the restock (en)', () => {
    expect(ask('en', 'when is the teal speaker coming back').text).toContain('2-4 weeks');
  });

  it('answers how many devices it remembers from the paired devices, and "together" from several devices charging (en)', () => {
    expect(ask('en', 'how many devices does the mechanical keyboard remember').text).toContain('3 paired devices');
    expect(ask('en', 'can the 65w charger charge a laptop and a phone together').text).toContain('several devices');
  });

  it('answers "the pot" of the tea set from the teapot (en)', () => {
    expect(ask('en', 'how big is the pot in the tea set').text).toContain('600 ml');
  });

  it('answers 长宽 as the size, 防晒指数 as the UPF rating (zh)', () => {
    expect(ask('zh', '笔记本长宽多少').text).toContain('14.8 x 21');
    expect(ask('zh', '伞的防晒指数是多少').text).toContain('UPF 50+');
  });

  it('answers 渗 (ink through paper) from 不透, 磕碎在路上 from breakage in transit (zh)', () => {
    expect(ask('zh', '点阵本钢笔写会渗吗').text).toContain('不透');
    expect(ask('zh', '茶具路上磕碎了咋办').text).toContain('补发');
  });

  it('answers 顶得住暴雨 from the waterproof rating, never from the size chart that names 防雨夹克 (zh)', () => {
    const a = ask('zh', '夹克顶得住暴雨吗');
    expect(a.text).toContain('10,000 毫米');
    expect(a.source).not.toMatch(/sizing/);
  });

  it('answers 手提行李带上飞机 as a cabin bag, 几度水 as the washing temperature (zh)', () => {
    expect(ask('zh', '这个双肩包能当手提行李带上飞机吗').text).toContain('登机尺寸');
    expect(ask('zh', '羊毛袜用几度水洗').text).toContain('30°C');
  });

  it('still abstains for connecting two phones to the speaker, which pairs two speakers (zh)', () => {
    expectAbstention(ask('zh', '这个音箱能同时连两台手机吗'));
  });
});

describe('what a shop answer of several questions must cover', () => {
  it('answers a 谁 question as a question of its own (the return postage beside the return rule) (zh)', () => {
    const a = ask('zh', '想退货，配件要一起寄回吗？运费谁出');
    expect(a.source).toBe('parts:kb:returns_policy+kb:return_shipping_cost');
  });

  it('abstains when a weight the buyer states beside a fit question is answered by no weight (en)', () => {
    expectAbstention(ask('en', 'will my 17 inch laptop fit on the aluminium stand? it weighs about 3 kg'));
  });
});

describe('a later question naming another product that the product before holds', () => {
  it('abstains when "the cover" may be the notebook\'s or the phone case (en)', () => {
    expectAbstention(ask('en', 'how many pages does the dotted notebook have, and what colour is the cover'));
  });

  it('abstains when 数据线 may be the keyboard\'s own cable or the USB-C cable sold on its own (zh)', () => {
    // (Before round 9 this gave the keyboard's price as the cable's, and the charger's size as the cable's length.)
    expectAbstention(ask('zh', '键盘有背光吗？数据线多少钱'));
    expectAbstention(ask('zh', '充电器能充MacBook吗？数据线多长'));
  });

  it('still reads "does it come with a cable" as the box of the product before (en)', () => {
    expect(ask('en', 'can the gan charger charge a macbook pro 14? does it come with a cable').text).toContain('cable not included');
  });
});

describe('where a product is made', () => {
  it('answers from the facts that name the city it comes from (en)', () => {
    const a = ask('en', 'where does the tea set come from');
    expect(a.source).toBe('product:TEA-SET-CER6:origin');
    expect(a.text).toContain('Jingdezhen');
  });

  it('answers from the same facts in Chinese (zh)', () => {
    expect(ask('zh', '茶具产地是哪里').text).toContain('景德镇');
  });

  it('abstains for a product whose facts name no origin, never the countries it works in (en, zh)', () => {
    expectAbstention(ask('en', 'where is the glass kettle made'));
    expectAbstention(ask('zh', '电水壶是哪里产的'));
  });
});
