/**
 * How pre-sales questions are asked, per language: the words that point at a kind of product fact
 * (price, stock, size, care, …) or at a shop topic (shipping, returns), and the question-frame words
 * that carry no content. Matching is on normalised text (see text.ts); these lists are about the
 * buyer's wording, never buyer-facing text.
 */
import type { Lang } from '../../domain/lang.js';

export type Facet = 'price' | 'stock' | 'dimensions' | 'weight' | 'materials' | 'inTheBox' | 'compatibility' | 'care' | 'warranty' | 'description';

const W = (words: string): RegExp => new RegExp(`(?:^|[^a-z0-9])(?:${words})(?![a-z0-9])`);

/** English triggers per facet (regular expressions on normalised text). */
const EN: Record<Facet, RegExp> = {
  price: W("price|prices|priced|cost|costs|quid|bucks|how much (?:is|are|does|do|for)|how much(?=\\s*(?:[?!.,;]|$))|expensive|cheap|pricing|\\$|£|€|¥|dollars?|pounds?|euros?|yuan|rmb|usd|eur|gbp|cny"),
  stock: W("in stock|stock|restock|available|availability|sold out|out of stock|have (?:it|them|one|this|that|any)(?: in)?|come in|comes in|colours?|sizes|options?|variants?|models?|versions?|scents?|lengths|switch(?:es)?|plug types?|which (?:sizes?|colours?)|left|be back|back in|when is it back|when will it be back|come back|coming back|comes back|unavailable|not available|gr[ae]yed out"),
  dimensions: W("dimensions?|how long (?:is|are) (?:it|they|the|this)|how big|how large|how tall|how high|how wide|how deep|how thick|measure(?:ments?|s)?|size of|height|width|depth|thick(?:ness)?|diameter|tall|wide|cm|centimet(?:er|re)s?|inch(?:es)?|big is|large is"),
  weight: W("weigh|weighs|weight|heavy|heaviness|how light|grams?|kg|kilos?|pounds? does"),
  // "How much merino is in them", "what percentage cotton": a share of a material is the composition.
  materials: W("made of|made from|made out of|materials?|fabric|what is it made|constructed|composition|percent(?:age)?|how much [a-z]+ (?:is |does it have |do they have )?in (?:it|them|this|these|there)"),
  inTheBox: W("in the box|included|include|includes|including|come with|comes with|what's in|whats in|contents?|accessories|in the package|package contain|ship with|shipped with"),
  compatibility: W("compatible|compatibility|work with|works with|work on|works on|fit|fits|support|supports|use with|use it with|use on|connect|pair with|plug"),
  care: W("wash|washing|washable|clean|cleaning|care|dishwasher|machine wash|tumble|dry it|descale|maintain|maintenance|sharpen"),
  warranty: W("warranty|warranties|guarantee|guaranteed"),
  description: W("tell me about|describe|what is the|what's the|what is this|what's this|details|features|info|information|more about"),
};

const ZH: Record<Facet, RegExp> = {
  price: /多少钱|多少[镑刀]|多少欧(?!洲)|价格|价钱|几块|多少元|售价|卖多少|贵不贵|便宜|什么价|多钱|\$|£|€|¥|美元|英镑|欧元|人民币|元/,
  stock: /还剩|剩下|剩几|剩多少|还有货|有货没|没货了|有货|现货|库存|缺货|没货|卖完|售罄|断货|补货|还有|有没有|颜色|尺码|码数|型号|款式|版本|香味|香型|哪几种|几种|哪几|哪些|插头|轴|长度|规格/,
  dimensions: /尺寸|多大|多高|多长|多宽|多厚|厚度|大小|长宽高|长宽|长和宽|直径|高度|宽度|体积|厘米|公分|英寸/,
  weight: /多重|重量|重不重|几斤|几公斤|多少克|克重|轻不轻|沉不沉|分量/,
  materials: /材质|材料|什么做的|什么料|面料|用料|做的|成分|材料|含量|占比|百分之/,
  inTheBox: /包装里|盒子里|盒里|包含|附带|自带|送(?![到货达给人礼朋])|配件|送什么|带什么|有什么东西|清单|配什么|附赠|赠品|里面有|带不带|配不配|送不送/,
  compatibility: /兼容|适用|适配|支持|能用(?!多久|多长|几)|可以用(?!多久|多长|几)|能连|连接|配合|能不能用|适合|能装|能放|[放装塞]得下|[放装塞]不下|插头/,
  care: /清洗|洗衣机|洗(?!澡|手间)|清洁|保养|洗碗机|机洗|手洗|擦|除垢|磨刀|晾/,
  warranty: /保修|包修|质保|保固|包换|保修期/,
  description: /介绍|是什么|详情|特点|功能/,
};

export const FACET_TRIGGERS: Record<Lang, Record<Facet, RegExp>> = { en: EN, zh: ZH };

/** Shop topics answered from the knowledge base, not from one product's facts. */
export const SHIPPING: Record<Lang, RegExp> = {
  en: W('ship|ships|shipping|shipped|deliver|delivers|delivery|deliveries|postage|courier|send (?:it|to)|arrive|arrives|express|next[- ]day|tracking|dispatch|dispatched'),
  zh: /运费|邮费|快递|寄|发货|包邮|配送|送到|到货|物流|送达|几天到|多久到|免邮|加急|顺丰|次日达|发往|邮寄/,
};
/** What a shipping question to one country asks (English stems, Chinese words): all in the shipping answer. */
export const SHIPPING_ASKS: Record<Lang, Set<string>> = {
  en: new Set('amount cost fee fees charg charge much rate price pricey expens cheap cheapest long day days take fast fastest quick quickest speed free standard option opt offer avail countri there get receiv ship send post mail internat intern overseas oversea abroad outsid worldwid wait minimum spend possibl over under abov below threshold limit qualifi order euro dollar pound usd eur gbp'.split(' ')),
  zh: new Set('金额 运费 邮费 费用 价格 价钱 收费 免费 包邮 多少 多久 几天 时间 时效 天 快 慢 标准 加急 国际 海外 国外 寄 发 到 能到 送 收到 满 以上 超过 订单 门槛'.split(' ')),
};
export const SHOP_TOPICS: Record<Lang, RegExp> = {
  en: W('return|returns|returning|refund|refunds|exchange|exchanges|pay|paying|payment|paypal|card|cards|instal+ments?|klarna|invoice|receipt|vat|customs|duties|duty|import tax|coupon|coupons|discount|discounts|promo|price match|gift|wrap|wrapping|cancel|cancell?ation|restock|pre-?order|reserve|packaging|size chart|size guide|what size|which size|true to size|run small|runs small|run large|measure my|contact|phone number|opening hours|currency|currencies'),
  zh: /退货|退款|退换|换货|能退|可以退|退吗|退不退|包退|付款|支付|信用卡|花呗|分期|发票|收据|关税|进口税|增值税|优惠|折扣|优惠券|比价|差价|礼品|礼物|包装|取消|补货|预订|预定|尺码表|选多大|买多大|选什么码|选哪个码|穿哪个码|买哪个码|什么码|多大码|穿多大|对应(?:几|多少|什么|哪个)码|偏大|偏小|量脚|联系|电话|客服|几点|货币|微信支付|支付宝|人民币结算|保价/,
};

/** Words that only frame a question ("what", "how", "这个"): never content that must be answered. */
export const FRAME: Record<Lang, Set<string>> = {
  en: new Set(
    ('become becomes a an the i me my we our you your it its it\'s is are was were be been am do does did to of in on for at by with from and or but so if can could would ' +
      'should will shall may might must this that these those there here what which who whom how when where why please pls hi hello hey thanks thank ' +
      'any some about just also get got have has had us they them their he she his her im i\'m id not no yes ok okay one ones much many long ' +
      'tell know want wanna buy buying need like really very still actually currently now today item items product products thing things ' +
      'question quick wondering wonder curious s t d ll re ve m exactly roughly approximately approx around there\'s whats what\'s does it\'s doesn\'t ' +
      'don doesn didn isn aren won wasn till until ' +
      'isn\'t don\'t can\'t won\'t aren\'t else other another same any way kind type sort lot bit little come comes go goes make makes made use used using ' +
      'good nice well both either each every all more most less least than then too enough only also even ever yet again already always often usually ' +
      'take takes taking fully max maximum min minimum actual put esp especially otherwise myself itself while after forget between under wear wearing ' +
      'time same something new normally normal usually typically plan planning going gonna guess hope ' +
      'look looking see check find order ordering purchase purchasing get getting give show let say said mean means sure hmm um uh would\'ve right correct true ' +
      // Chat filler and shorthand ("u", "rn", "stuff", "oops"): how a buyer types, not what they ask.
      'u ur r rn atm idea stuff oops once whole entire highest lowest soon up hw abt people person someone anyone thx ty tho btw plz pls yeah yep yea lol hey guys mate ' +
      // How the buyer saw or heard it ("it says unavailable", "seems sold out", "get hit with fees", "the voltage is different there").
      'says seem seems hit different thru ' +
      // Who it is for and how the buyer feels ("a gift for my mum who loves tea", "torn between", "pretty heavy", "voltage wise").
      'mum mom mother dad father sister brother wife husband girlfriend boyfriend son daughter friend parents grandma grandpa love loves torn pretty wise into as ' +
      // Putting verbs and states around what is asked ("throw it in the washing machine", "with noise
      // cancelling switched on", "at the moment"): the frame, not the fact.
      'throw toss chuck stick switched turned moment').split(' '),
  ),
  zh: new Set([
    ...('的 了 吗 呢 吧 啊 呀 嘛 哦 噢 么 我 你 您 你们 我们 他 她 它 是 在 有 这 那 个 这个 那个 这款 那款 这件 那件 这种 这台 这把 这双 这套 这只 这本 款 件 请问 请 ' +
      '想 想问 问 问一下 一下 知道 什么 怎么 怎么样 怎样 如何 多少 可以 能 能不能 可不可以 是不是 会 会不会 要 需要 买 购买 下单 还 也 都 就 很 太 ' +
      '这根 这条 这块 这张 这顶 这盏 这瓶 这支 这部 这副 这盒 这包 一套 一双 一盒 一包 一件 一把 一只 一台 一条 一根 一瓶 ' +
      '吗？ 多少钱 穿 戴 别的 别 升到 调到 降到 一个 一款 东西 商品 产品 宝贝 亲 谢谢 你好 您好 麻烦 哪 哪个 哪种 哪里 吗 没 没有 不 不是 有没有 用 给 跟 和 与 及 或 或者 还是 对 ' +
      '分别 能当 当作 当成 发现 我爸 我妈 爸爸 妈妈 老爸 老妈 老公 老婆 男朋友 女朋友 长辈 生日 现在 目前 大概 大约 左右 一般 具体 到底 究竟 呗 哈 额 嗯 好 行 能否 是否 否 得 地 着 过 把 被 让 从 到 上 下 里 中 之 其 该 此 那么 这么 ' +
      '多久 多长时间 几 几个 几年 几档 几台 几件 几杯 几天 几种 几点 的话 啥 什么时候 时候 啥时候 最高 最大 最多 最长 一共 总共 平时 平常 比较 都 都有 有点 一次 ' +
      '大 不大 小 不小 做 开 坐 起来 同时 一边 每天 补 补货吗 用久 久 合适 不合适 色 颜色 呢 没 没的 还有吗 有吗 么 怎么办 咋 咋样 样 大不大 高不高 长不长 重不重 多不多 好不好 行不行 能用吗 用吗 可以吗 一点 有些 每天 那种 哪款 哪个码 选 选哪个 ' +
      // Helping and carrying verbs around what is asked (帮忙包装, 带去游泳, 丢洗衣机): the frame, not the fact.
      // Directional complements and "how is it worked out" frames (寄过来, 运费咋算), manner adverbs (直接).
      '过来 过去 咋算 怎么算 如何算 直接 咋整 咋弄 咋办 '+
      '帮 帮忙 帮我 帮我们 带去 带到 拿去 拿到 带着 丢 扔 丢进 扔进 放进 整只 一整只 整个 一整个 进去 放进去 装进去 塞进去 刚 刚刚 已经 ' +
      // Conditions and exceptions around what is asked (要是碎了, 除了耳机还送啥, 能进洗碗机, 放车里): the frame.
      // (Not 之后 / 以后: "after the warranty ends" is a condition, never the warranty's length.)
      '要是 如果 万一 假如 除了 进 车里 车上 扛得住 扛不住 顶得住 挡得住 撑得住').split(' '),
    // A count of the product's own pieces ("三本", "两双"): which ones, not a fact to answer. Not 个 / 台
    // ("连两个手机", "两台设备": a count of other things is the fact asked).
    ...[...'一两二三四五六七八九十'].flatMap((n) => [...'本件只双套把条根张瓶支盒包'].map((m) => `${n}${m}`)),
  ]),
};

/** "this one", "it", 这个: the buyer means the product whose page they are on. */
export const DEICTIC: Record<Lang, RegExp> = {
  en: W("this|this one|it|it's|that one|these|them|this item|this product"),
  zh: /这个|这款|这件|这种|这台|这把|这双|这套|这只|这本|这根|这条|这块|这张|这顶|这盏|这瓶|这支|这部|这副|这盒|这包|它|本品|该商品|这一款/,
};

/** Colour words: asking for one is asking which variants there are. */
export const COLOURS: Record<Lang, RegExp> = {
  en: W('red|blue|green|black|white|grey|pink|purple|yellow|orange|brown|beige|navy|silver|gold|rose|teal|cream|olive|charcoal|mint|clear|transparent|dark|light'),
  zh: /(?<![发变泛])(?:青花|酒红|天蓝|宝蓝|湖蓝|军绿|墨绿|薄荷绿|玫瑰金|香槟色|卡其|杏色|咖啡色|深空灰|太空灰|象牙白|米白|藏青|藏蓝|海军蓝|红|蓝(?!牙)|绿|黑|白|灰|粉|紫|黄|橙|棕|米色|银|金|青|透明|深色|浅色|奶白|橄榄|炭)/,
};

/**
 * Words naming a kind of option ("what colours", 哪些型号): asking for one is a stock question only
 * when the product is sold in that kind of option; else the word is a fact to answer ("what
 * bluetooth version" of a mouse sold in colours), never a reason to list its stock.
 */
export const OPTION_KINDS: Record<Lang, [RegExp, string][]> = {
  en: [[W('colours?|colour options'), 'colour'], [W('sizes?'), 'size'], [W('models?'), 'model'], [W('versions?'), 'version'], [W('scents?|smells?|fragrances?'), 'scent'], [W('lengths?'), 'length'], [W('switch(?:es)?'), 'switch'], [W('plug types?|plugs?'), 'plug']],
  zh: [[/颜色|配色/, 'colour'], [/尺码|码数/, 'size'], [/型号|款式/, 'model'], [/版本/, 'version'], [/香味|香型|味道|气味/, 'scent'], [/长度/, 'length'], [/轴/, 'switch'], [/插头/, 'plug']],
};
/** Stock words that hold for any product ("in stock", 有货), unlike the option kinds above. */
export const STOCK_GENERIC: Record<Lang, RegExp> = {
  en: W("in stock|stock|restock|available|availability|sold out|out of stock|have (?:it|them|one|this|that|any)(?: in)?|options?|variants?|left|be back|back in|when is it back|when will it be back|come back"),
  zh: /还剩|剩下|剩几|剩多少|还有货|有货没|没货了|有货|现货|库存|缺货|没货|卖完|售罄|断货|补货|还有|有没有/,
};
/** The (internal, never shown) word a colour named stands for when the product is not sold in colours (its Colour attribute answers). */
export const COLOUR_WORD: Record<Lang, string> = { en: 'colour', zh: 'colour' };

/** "How many / how far / 多少": asks for a quantity, so only a fact with a number answers it. */
export const QUANTITY: Record<Lang, RegExp> = {
  en: W('how many|how much|how long|how far|how high|how tall|how big|how heavy|how hot|how loud|how thick|how wide|what temp(?:erature)?|what wattage|how fast|how quick(?:ly)?'),
  zh: /多少|几|多久|多长|多大|多高|多重|多厚|多宽|多快|多远/,
};

/** Attribute names about a facet ("how high" finds "Height"). */
export const FACET_SYNONYMS: Record<Lang, Partial<Record<Facet, string[]>>> = {
  en: { dimensions: ['height', 'size', 'length', 'width', 'depth', 'diamet', 'thick', 'capac'], weight: ['weight'], care: ['care'], compatibility: ['compat'], stock: ['colour', 'size', 'model', 'scent', 'length'] },
  zh: { dimensions: ['高度', '尺寸', '长度', '宽度', '厚度', '直径', '容量'], weight: ['重量'], stock: ['颜色', '尺码', '型号', '香味'] },
};

/** An attribute about restocking, and how to ask the knowledge base about it. */
export const RESTOCK: Record<Lang, RegExp> = { en: /restock|back in stock/, zh: /补货|到货/ };
export const RESTOCK_QUESTION: Record<Lang, string> = { en: 'When will it be back in stock? restock', zh: '什么时候补货？' };

/** "How many degrees / 多少瓦": a quantity in a unit; the answer's fact must state that unit. */
export const UNIT_ASKED: Record<Lang, RegExp> = {
  en: W('how many (degrees|watts|hours|minutes|pages|litres|liters|grams|decibels|db)|what (temperature|temp|wattage)'),
  zh: /(?:多少|几)(度|瓦|升|克|页|分贝|小时|分钟|毫升|厘米|公斤|杯|人份|档)|(多久|多长时间)/,
};
const UNIT_FORMS: Record<string, RegExp> = {
  degrees: /\d\s*(?:°|度)/, temperature: /\d\s*(?:°|度)/, temp: /\d\s*(?:°|度)/, 度: /\d\s*(?:°|度)/,
  watts: /\d\s*w\b|瓦/i, wattage: /\d\s*w\b|瓦/i, 瓦: /\d\s*w\b|瓦/i,
  hours: /\d\s*(?:hour|小时)/, 小时: /\d\s*(?:hour|小时)/, minutes: /\d\s*(?:minute|分钟)/, 分钟: /\d\s*(?:minute|分钟)/,
  pages: /\d\s*(?:numbered )?(?:page|页)/, 页: /\d\s*(?:page|页)/, litres: /\d\s*l\b|升/, liters: /\d\s*l\b|升/, 升: /\d\s*l\b|升/, 毫升: /\d\s*(?:ml|毫升)/,
  多久: /\d\s*(?:小时|分钟|天|周|个月|月|年)|终身|永久/, 多长时间: /\d\s*(?:小时|分钟|天|周|个月|月|年)|终身|永久/,
  杯: /\d\s*(?:杯|cups?)/, 人份: /\d\s*人份/, 档: /\d\s*档/,
  grams: /\d\s*g\b|克/, 克: /\d\s*g\b|克/, decibels: /\d\s*(?:db|分贝)/i, db: /\d\s*(?:db|分贝)/i, 分贝: /\d\s*(?:db|分贝)/i, 厘米: /\d\s*(?:cm|厘米)/, 公斤: /\d\s*(?:kg|公斤)/,
};
/** True when `value` states the unit the question asked in. */
/** True only when `value` states the asked unit in a known form (a fact worth choosing for it). */
export function statesUnit(asked: RegExpExecArray, value: string): boolean {
  const form = UNIT_FORMS[asked.slice(1).find((u) => u !== undefined) ?? ''];
  return form !== undefined && form.test(value.toLowerCase());
}
export function unitIn(asked: RegExpExecArray, value: string): boolean {
  const unit = asked.slice(1).find((u) => u !== undefined) ?? '';
  const form = UNIT_FORMS[unit];
  return form ? form.test(value.toLowerCase()) : true;
}
/** The buyer asks when something comes back. */
export const RESTOCK_ASKED: Record<Lang, RegExp> = { en: W('back|restock|restocked|when will|when is'), zh: /补货|补|什么时候|啥时候|多久.*有|到货/ };
/**
 * Chinese shop compounds matched only whole: 货到付款 is not 付款, 运费险 is not 运费. A question
 * holding one is answered only by a text that holds it.
 */
export const ZH_WHOLE: readonly string[] = ['货到付款', '分期付款', '先用后付', '以旧换新', '运费险', '七天无理由', '价格保护', '积分兑换', '定制刻字', '上门安装', '上门取件'];

/**
 * Phrases that name a different fact than their words alone: a stand's "max weight" is its load,
 * not its own weight. Rewritten before a question is read.
 */
export const QUESTION_REWRITES: Record<Lang, [RegExp, string][]> = {
  // A measure spelled out after its number is the catalog's symbol ("2 metre" → "2 m", as the variants say).
  en: [[/(\d)\s*(?:met(?:re|er)s?)\b/g, '$1 m'], [/(\d)\s*(?:centimet(?:re|er)s?)\b/g, '$1 cm'], [/(\d)\s*(?:millimet(?:re|er)s?)\b/g, '$1 mm'], [/(\d)\s*(?:lit(?:re|er)s?)\b/g, '$1 l'], [/(\d)\s*(?:kilo(?:gram)?s?)\b/g, '$1 kg'], [/\btwo\b/g, '2'], [/\bthree\b/g, '3'], [/\bfour\b/g, '4'], [/\bfive\b/g, '5'], [/\bsix\b/g, '6'], [/\bten\b/g, '10'], [/\bsecond[- ]?hand\b|\bpre-?owned\b/g, ' used refurbished '], [/\bsend (?:it |them |\w+ )?back\b/g, ' return '], [/\b(?:hydrostatic head|hh rating|water column)\b/g, ' waterproof rating '], [/\b(?:put|puts|give|gives|push|pushes|pump|pumps) out\b/g, ' output '], [/\bbleed(?:s|ing)? (?:through|thru)\b/g, ' bleed '], [/\b(?:at |on )?full (?:power|speed|wattage|blast)\b/g, ' max power '],
    // "A tool to pull the keycaps off": what is pulled, not where to.
    [/\b(pull|pulling|take|taking|get|getting|pry|prise)\s+((?:the\s+)?[a-z]+)\s+(?:off|out)\b/g, '$1 $2'], [/\b(?:max(?:imum)? weight|weight (?:limit|capacity)|how much weight can it (?:hold|take|support|carry)|(?:hold|support|carry) how much)\b/g, ' maximum load '],
    // "Big enough for a whole chicken / to roast one": whether it fits, as "will a whole chicken fit" asks.
    // (Only of a thing named: "big enough to cook for four" is no thing that fits.)
    [/\b(?:big|large|roomy|deep) enough (?:for|to (?:roast|cook|fit|hold|take|do|make|carry)(?: in)?)(?= (?:a|an|the|my|our|\d))/g, ' fit '],
    // "Where do you ship from?" asks for the warehouse, never the countries shipped to.
    [/\bwhere (?:do|does|will|did) (?:you|it|they|this|that|the [a-z]+|my order|orders?) (?:ship|dispatch|send|come|get sent|get shipped)(?: out)? from\b|\b(?:ship|dispatch|sent|shipped|come|coming)(?: out)? from where\b|\bfrom (?:which|what) (?:country|city|place)\b/g, ' warehouse '],
    [/\b(?:which|what) (?:country|city|place)\b(.*\b(?:ship|ships|shipped|dispatch|dispatched|sent|send|come|comes)(?: out)?) from\s*[?.!]*\s*$/g, ' warehouse $1 ']],
  zh: [[/最大承重|能承受多重|承受多重|能承重/g, '承重'],
    // "下单后啥时候扣钱": after ordering is when every order question is asked from (下单 is a frame word).
    [/下单(?:之|以)?后/g, '下单'],
    // Carry-on luggage (随身行李上飞机) is what the facts call 登机; 几度水 asks a temperature.
    [/(?:当|做|作为)?(?:随身|手提)行李(?:带)?(?:上飞机|登机)?/g, ' 登机 '], [/几度(?:的)?水(?:温)?/g, '几度'],
    // "我穿40码的鞋，袜子选哪个码": the buyer's own shoe size (鞋码 40), not our running shoes compared.
    [/(?:我)?(?:平时|一般)?穿\s*(\d+(?:\.\d+)?)\s*(?:码|号)?的?鞋子?/g, ' 鞋码$1 '], [/窗口/g, '窗'], [/扎(?:不扎)?(?:脚|人|皮肤)/g, '扎不扎'], [/(?:被)?收(?=\s*(?:关税|进口税|税费))/g, '交'],
    // "今天下单今天能发吗": a same-day dispatch asked is the entry's 当天发货 (a dispatch question: 发货 as its questions say).
    [/(?:今天|当天|马上|立刻)(?:下单|拍)?的?(?:话)?[，,\s]*(?:今天|当天)?(?:能|可以|会)?发(?:货|出)?(?=\s*(?:吗|么|不|嘛|[?？]|$))/g, ' 当天发货 发货 '], [/(?:满电|充满电?|一次充电)\s*(?:能|可以)?(?:播|放|听|用|撑)(?:放)?(?=多久|多长时间|几个?小时)|(?:能|可以)(?:播|听)(?:放)?(?=多久|多长时间|几个?小时)/g, '续航'], [/续航(?:时间)?(?:更|比较)?(?:长|久)(?:一点|一些|些)?/g, '续航'], [/(?:够不够大|够大)吗?\s*[，,]?\s*(?:能|可以)?(?:烤|做|煮|装|放)(?:得?下)?(?=\s*(?:一|整|\d))/g, '能放下'], [/从哪(?:个国家|个城市|个地方|里|儿)?(?:的仓库)?(?=\s*(?:发货|发出|寄出|发的|寄的|发))/g, ' 仓库 '], [/[两二]([个台部])/g, '2$1'], [/三([个台部])/g, '3$1'], [/四([个台部])/g, '4$1']],
};

/** Marks a Chinese clause as asking something (a question word or particle). */
const ZH_ASKS = /吗|呢|吧|么|[?？]|多少|几|什么|啥|怎么|如何|哪|多[大高长重宽厚久远快]|能不能|会不会|是不是|有没有|可不可以|(\p{Script=Han})不\1/u;

/**
 * The clauses of a Chinese question that ask something: "87键的键盘有多长 桌子有点小" asks only
 * the first; the buyer's situation (桌子有点小, 送朋友的) is context, not a fact to answer. Clauses
 * with a question word or a fact or shop trigger are kept; when none is, the whole question is.
 */
export function askingClauses(q: string, lang: Lang, triggers: readonly RegExp[]): string {
  if (lang !== 'zh') return q;
  const clauses = q.split(/[\s,，。.!！;；~～]+/).filter((c) => c.length > 0);
  const kept = clauses.filter((c) => ZH_ASKS.test(c) || triggers.some((re) => re.test(c)));
  return kept.length > 0 && kept.length < clauses.length ? kept.join(' ') : q;
}

/** An English clause about the buyer, not the product: "I cycle to work", "need 10 for my class", "im travelling". */
const EN_CONTEXT = /^(?:i|i'm|im|i've|ive|my|we|we're|our|need|thinking|planning|it's a gift|its a gift|it's for|its for|as a gift)(?![a-z0-9'])/;

const GIFT_CONTEXT = /^(?:it's|its|it is|this is|as) (?:a|for a) (?:gift|present)\b(?!.*\b(?:wrap|wrapping|message|receipt|box)\b)/;

/**
 * English questions with the buyer's situation beside them ("is the backpack waterproof? I cycle to
 * work in the rain"): clauses about the buyer that ask nothing and name no fact or shop topic are
 * context, not facts to answer. When every clause would go, the whole question is kept. Used only
 * when the whole question finds no answer (the context may be the point: "I sleep on my stomach").
 */
export function askingClausesEn(q: string, triggers: readonly RegExp[]): string {
  const clauses = q.split(/[?!;]+|\.{2,}|\.\s|,\s*|\s-\s/).map((c) => c.trim()).filter((c) => c.length > 0);
  if (clauses.length < 2) return q;
  // "it's a gift for my mum" is context even though "gift" is a shop topic.
  const kept = clauses.filter((c) => !EN_CONTEXT.test(c) || (!GIFT_CONTEXT.test(c) && triggers.some((re) => re.test(c))));
  return kept.length > 0 && kept.length < clauses.length ? kept.join(' , ') : q;
}

/**
 * "Which is lighter, the headset or the speaker?", 保温杯和法压壶哪个容量大: two products and a
 * comparison. Each is answered on its own; the comparison words go, comparatives become the fact
 * they compare (lighter → weight).
 */
export const COMPARE: Record<Lang, RegExp> = {
  en: W('which|or|vs|versus|compare|compared|difference|between'),
  zh: /哪个|哪款|哪一个|还是|比较|对比|区别|一起/,
};
export const COMPARE_WORDS: Record<Lang, [RegExp, string][]> = {
  en: [
    [/\b(?:lighter|heavier)\b/g, ' weight '], [/\b(?:bigger|larger|smaller)\b/g, ' size '], [/\b(?:cheaper|pricier|more expensive)\b/g, ' price '],
    [/\b(?:longer|shorter|better|more|less|quieter|louder)\b/g, ' '], [/\b(?:which one|which|or|vs|versus|compare|compared|difference|between|and|the two|both|to carry(?: around)?)\b/g, ' '],
  ],
  zh: [[/(?:哪个|哪款|哪一个)(?:更)?(?:轻|重)/g, ' 重量 '], [/(?:哪个|哪款|哪一个)(?:更|比较)?(?:长|大|小|高|久|多|好|快)?/g, ' '], [/(?:更)?(?:长|大|小|高|久|多|好|快|短|低)(?=\s*[?？]?\s*$)/g, ' '], [/和|跟|与|还是|比较|对比|区别|一起|各|差(?=多少|几|别)/g, ' ']],
};
