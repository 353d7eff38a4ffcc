/**
 * Another business's after-sales, told in the same words as ours: a hairdresser who cancelled, a bank transfer
 * to take back, a train ticket to refund, a neighbour's stolen parcel, 牙科的预约改时间, 健身卡能退吗.
 *
 * Why a rule and not more `none` text: a lexical model learns the businesses it is shown, not "another business"
 * as a class (round 3 measured 600 lines of such text: at most one trigger fewer per set, in-scope accuracy lost).
 * The rule reads the *object* of the request instead: an after-sales reading needs an object of ours (an order,
 * item, parcel, product, or this shop). When the message names a thing that is not a shop's goods (a service,
 * a booking, a payment instrument, an account, a trip, a job) or whose parcel it is (someone else's), and names
 * no object of ours, the request is about that other business. An order number of ours always keeps the reading
 * (nlu.ts checks that before calling this).
 */
import type { Lang } from '../domain/lang.js';
import { conceptFeatures } from './concepts.js';

/**
 * Things no shop sells as goods, by class (en, lower-cased text). Strong classes are another trade even next to
 * the word "order" or "parcel" (a takeaway order, a train ticket, a bank transfer); weak ones only when nothing of
 * ours is named (an account, a bill, furniture to move).
 * - services and bookings: appointments, haircuts, treatments, lessons, trips, stays, travel, tickets, events;
 * - people and places of other trades: salons, surgeries, gyms, tradespeople, restaurants, takeaways, removal firms;
 * - money that is not a purchase: transfers, direct debits, cheques, loans, tax, wages;
 * - digital goods of other platforms: in-app purchases, games, app stores, streaming;
 * - papers and authorities: registrations, licences, passports, fraud and scam reports;
 * - work and study about the trade itself ("a job as a courier", 物流专业).
 */
const STRONG_EN = new RegExp(
  [
    // Services and bookings; a delivery or return slot is ours, and products named after a service stay products.
    String.raw`\b(?:(?<!delivery |collection |return |courier )(?:appointments?|bookings?|reservations?)|haircuts?|hair ?cut|hairdresser'?s?|barber'?s?|salon|manicure|massage(?! gun| chair| ball| roller| pillow)|spa|therapist|physio\w*|dentists?|dental (?:appointment|practice|clinic|surgery)|optician|doctor'?s?|vet'?s?|lessons?|tutor\w*|gym(?! (?:bag|shoes?|mat|wear|gloves?|clothes|shorts|leggings|towel|bottle))|fitness (?:class|centre|center|club)|personal trainer|plumber|electrician|builder|mechanic|locksmith|handyman|decorator|gardener|cleaner|contractor|babysitter|nanny|dog walker|(?<!of )courses?|repair (?:shop|centre|center|service|place|guy|man)s?(?! (?:for|of|on|under) (?:my|the|this|your|a) (?:order|item|warranty))|repairer|dry cleaners?|laundrette|laundromat|tailor|photographer|caterer|florist|wedding (?:planner|venue|photographer))\b`,
    String.raw`\b(?:(?:trains?|flights?|bus|buses|ferry|ferries) (?:got |was |were |has been |is |are )?(?:cancel\w*|delayed)|taxi|cab|uber|lyft|cruise|airbnb|(?<!last )resort|hostel|(?:train|bus|plane|concert|cinema|movie|match|theatre|theater|festival|museum|parking) tickets?)\b`,
    String.raw`\b(?:restaurants?|cafe|café|coffee shop|takeaways?|takeouts?|take-?away|pizza(?! (?:stone|cutter|oven|peel|pan|tray|wheel))|burgers?|sushi|food (?:delivery|order|was|came|arrived)|(?:take-?away|fast) food|groceries|supermarket|waiters?|waitress)\b`,
    String.raw`\b(?:removals? (?:firm|company|van|men)|movers|moving company|car registration|vehicle registration|number plate|driving licen[cs]e|driver'?s licen[cs]e|passport(?! (?:holder|cover|wallet|case|bag))|council tax|report (?:a |the )?(?:scam|fraud|crime)|scam (?:call|text|email|site|website)s?|phishing)\b`,
    String.raw`\b(?:billing address|bank ?transfer|wire transfer|money transfer|direct debit|standing order|(?:a|the|my|that) (?:check|cheque)|loan|mortgage|overdraft|pension|salary|wages?|payslip|tax (?:return|office))\b`,
    String.raw`\b(?:subscriptions?|membership|in-app|app store|play store|google play|steam (?:store|game|account|wallet|library|refund)|video games?|game purchase|streaming service)\b`,
    String.raw`\b(?:asos|argos|vinted|depop|poshmark|mercari|gumtree|craigslist|facebook marketplace|boohoo|primark|zalando|wayfair|overstock|newegg|john lewis|currys|tesco|sainsbury'?s|asda|aldi|lidl|mediamarkt|decathlon|uniqlo|dfs|sephora|zappos|kohl'?s|macy'?s|nordstrom|home depot|lowe'?s|apple store|target (?:order|delivery|pickup|app|store|run))\b`,
    // Trials and plans of other services; machines and people that take money; a payment to a person; relationships.
    String.raw`\b(?:free trial|trial period|vending machine|parking meter|ticket machine|atm|cash machine|cable box|set-?top box|xfinity|comcast|verizon|spectrum|t-mobile|vodafone|at&t|(?:payment|money|transfer)s? (?:i (?:sent|made|paid) )?to (?:a |some |this )?(?:stranger|scammer|someone|somebody|random (?:person|guy|seller))|paid (?:a |some |this )?(?:stranger|scammer|random (?:person|guy))|got scammed|scammers?|(?:girlfriend|boyfriend|wife|husband|partner|crush|gf|bf)\b[^.?!]{0,20}\b(?:mad|angry|upset|break(?:ing)? up|broke up|dump\w*|apologi[sz]e|cheat\w*|ignor\w*))\b`,
    String.raw`\b(?:jobs? (?:at|with|opening|vacanc\w*|application|offer)|hiring|career|work as an?|become a (?:courier|driver|seller|partner|affiliate)|degree in|major in|(?:my|a|our) (?:cv|resume|résumé))\b`,
  ].join('|'),
);
/** Weak classes: another business only when nothing of ours is named. */
const WEAK_EN =
  /\b(?:account|password|log ?in|login|sign ?in|sign ?up|username|newsletters?|mailing list|unsubscribe|games?|my bank|the bank|bank account|insurance|bills?|billing|utility|electricity|phone (?:plan|contract|bill)|data plan|broadband|internet provider|furniture|sofa|piano|car|vehicle|registration|licen[cs]e|tickets?|booked|hotels?|flights?|airline|trains?|bus|ferry|school|college|university|concert|cinema|theatre|museum|wedding|food(?! processor| container| storage| jar| flask| bowl| scale| mixer| warmer))\b/;

/** The same classes in Chinese (with the products that share a service's name left out: 健身垫, 按摩仪, 电火锅, 游戏鼠标). */
const STRONG_ZH =
  /预约(?!送货|配送|上门取件|取件)|订房|订票|订座|酒店(?:订单|预订|房费|押金|退房|入住)|(?:机票|火车票|高铁票|动车票)(?:订单|退)?|U盾|理发|美发|剪头|发型|美甲|按摩(?:店|院|师)|足疗|美容院|水管工|电工|装修(?:公司|队|师傅)|保洁|家政|保姆|月嫂|开锁|洗车|修车|维修师傅|修理工|换屏|干洗|洗衣店|摄影(?:师|工作室|店)|婚纱照|婚庆|裁缝|牙科|牙医|看病|门诊|体检|兽医|宠物医院|补习|培训班|学费|网课|健身(?:房|卡|教练|课)|游泳馆|旅行团|邮轮|民宿|演唱会|电影票|景区|停车费|罚款|罚单|外卖(?!盒|箱|袋)|吃火锅|火锅店|烧烤店|吃烧烤|美食|小吃|喜欢吃|披萨(?!盘|石|铲|刀)|必胜客|肯德基|麦当劳|奶茶(?!杯)|餐厅|饭店|点餐|搬家公司|搬家师傅|车辆|车牌|驾照|行驶证|护照(?!包|夹|套)|签证|户口|报警(?!器)|派出所|账单地址|转账|汇款|转错|贷款|房贷|白条|借呗|工资|社保|公积金|个税|话费|宽带|水电费|燃气费|燃气公司|电费|水费|游戏(?!鼠标|耳机|键盘|手柄|本|椅|机)|内购|应用商店|steam|订阅|自动续费|会员费|得物|当当|苏宁|国美|网易严选|抖音商城|快手小店|微店|旅行社|团费|居住证|身份证|户籍|校服|学校(?:发|统一|订|要求)的?|信用卡(?:分期|账单|还款|额度|年费)|取消分期|官方售后|官方客服|(?:女朋友|男朋友|对象|老公|老婆|女友|男友)[^，。,\s]{0,4}(?:生气|吵架|分手|冷战|不理我)|怎么哄|找工作|就业|招聘|招人|应聘|当快递员/i;
const WEAK_ZH = /绑定|退订[^，。,\s]{0,6}邮件|邮件推送|推送|账号|帐号|密码|登录|登陆|注册|验证码|自动扣费|会员|会员卡|年卡|月卡|银行|信用卡账单|账单(?!地址)|保险|充值|软件|课程|上课|考试|举报|诈骗|酒店|医院|学校|机票|航班|高铁|火车|动车|地铁|公交|打车|网约车|车票|门票|旅游|预订|流量|抖音|快手|装修|火锅|烧烤|健身/i;

/**
 * Someone else's parcel, order or gift: "my neighbour's parcel", "a present from my aunt", the courier the buyer uses,
 * 邻居的快递, 给我妈寄了, 公司发的, 亲戚送的.
 */
/** Relatives beyond the closest ones (表姐, 堂哥, 舅舅, 外婆): whose parcel it is, or who sent it. */
const KIN_ZH = '表[姐哥妹弟]|堂[姐哥妹弟]|姐姐|哥哥|弟弟|妹妹|姑姑|阿姨|舅舅|叔叔|伯伯|婶婶|奶奶|爷爷|外婆|外公|姥姥|姥爷';
const THEIR_PARCEL_EN =
  /\b(?:friend|mom|mum|mother|dad|father|aunt|uncle|cousin|sister|brother|gran|grandma|grandpa|neighbou?r|son|daughter|wife|husband|boyfriend|girlfriend|partner|colleague|boss|roommate|flatmate|housemate|kid|child|he|she|they)(?:'s|s'|s)? (?:\w+ ){0,2}(?:parcel|package|delivery|order|post|mail|shipment)s?\b|\b(?:parcel|package|letter|gift|box)s? (?:i|we) (?:sent|mailed|posted|shipped) (?:to|abroad|overseas)\b(?! (?:you|u|your)\b)|\b(?:i|we) (?:sent|mailed|posted|shipped) (?:a |the |my )?(?:parcel|package|letter|gift|box) (?:to (?:my|a|his|her|their)|abroad|overseas)\b|\b(?:courier|carrier|delivery (?:company|service)) (?:i|we) (?:use|used)\b|\b(?:a|any) (?:parcel|package|letter) (?:with|via|through|using|by) (?:royal mail|parcelforce|dhl|ups|usps|fedex|dpd|evri|hermes|yodel|the post office|canada post|australia post)\b|\b(?:royal mail|parcelforce|usps|evri|hermes|the post office)(?:'s)? (?:small parcel|large letter|first class|second class|stamps?|postage|opening hours|price list)\b|\b(?:present|gift)s? (?:i (?:got|received) )?from (?:my|a|an) \w+|\b(?:it|this|that|which|(?:the|this|that|my) (?:parcel|package|box))(?: one)? (?:was|is|came) (?:sent |posted |mailed |a (?:gift|present) )?from (?:my|our) (?:friend|mom|mum|mother|dad|father|aunt|uncle|cousin|sister|brother|gran|grandma|grandpa|nan|neighbou?r|son|daughter|wife|husband|boyfriend|girlfriend|partner|colleague|boss)\b|\b(?:cheapest|best|good|reliable|cheap) (?:courier|carrier|delivery company|way to (?:ship|send|post))\b/;
const THEIR_PARCEL_ZH = new RegExp(
  String.raw`哪(?:家|个)(?:物流|快递)(?:公司)?(?:便宜|好|快|靠谱|划算)|(?:顺丰|中通|圆通|申通|韵达|邮政|ems|百世|极兔|德邦|京东物流)(?:快递)?的?投诉|(?:公司|单位|学校|物业)(?:发|寄|送)的|(?:朋友|同学|同事|邻居|家人|亲戚|我妈|我爸|妈妈|爸爸|对象|男朋友|女朋友|老公|老婆)送(?:我)?的|(?:朋友|同学|同事|邻居|家人|亲戚|室友|我妈|我爸|妈妈|爸爸|我姐|我哥|我弟|我妹|对象|男朋友|女朋友|老公|老婆|孩子|他|她|${KIN_ZH})的[^，。,\s]{0,4}(?:快递|包裹|订单|东西|件)|我(?:给|帮)[^，。,\s]{1,4}寄|我寄(?:出|去|到|的)|寄出去的(?:件|包裹|快递|东西)|还没揽收|寄到国外的|(?:公司|单位)的快递|(?:便宜|划算|靠谱|快)的?(?:是|选)?哪(?:家|个)(?:物流|快递)|寄(?:国际)?(?:快递|包裹|东西)(?:到|去)|(?:去|在|到)?邮局寄|帮[^，。,\s]{0,4}(?:朋友|同学|同事|邻居|家人|亲戚|我妈|我爸|她|他).{0,2}查`,
);

/**
 * The buyer's own shipping, or a business pitch to the shop: a courier job for the buyer ("pick up a box from my
 * house and send it to my brother", "drop off my own parcel at your warehouse", 帮我叫个快递员上门, 我自己从国外寄的),
 * money to send, an influencer's or freelancer's offer ("collab", "I can rebuild your store", 谈合作, 带货). Classes
 * of the out-of-scope brief (round 5), read by what is asked of us, not by whose goods: a return's pickup stays ours.
 */
const OWN_SHIPPING_EN =
  /\b(?:(?:pick ?up|collect) (?:a |my |the |some |this )?(?:package|parcel|box|stuff|letter)s? (?:from|at) my (?:house|home|place|flat|apartment|office|door)|(?:drop off|bring|ship|send|post|mail) my own (?:parcel|package|box|stuff|letter|shipment)s?|my own (?:parcel|package|shipment)s?|send(?:ing)? money|transfer(?:ring)? money|collab\w*|influencer|sponsor(?:ship|ed|ing)?|brand ambassador|affiliate (?:program|programme|link)|partnership (?:opportunit|proposal|offer|inquir|enquir)\w*|freelance\w*|supplier|stockist|distributor|(?:stock|carry|sell|list)(?:ing)? (?:them|it|my|our)\b[^.?!]{0,30}\b(?:in|on) your (?:shop|store|site|website)|would you (?:like|want|be interested)(?: to| in)? (?:stock|carry|sell)\w*|i can (?:build|design|redesign|rebuild|improve|optimi[sz]e|fix) your (?:site|website|store|shop|checkout|page|seo|ads))\b/;
const OWN_SHIPPING_ZH = new RegExp(
  String.raw`帮我(?:叫|约|找|喊)(?:个|一个)?快递|上门(?:取件)?(?:帮我)?寄|(?:寄|发)(?:份|个|一份|一个|点|些)(?:文件|合同|材料|资料|证件)|我自己(?:从[^，。,\s]{0,8}|用[^，。,\s]{0,8}|在?网上)?(?:寄|发)(?:出去的|出去|出的|的|回|过来|来|件)|我(?:要|想|得|准备)寄(?:快递|东西|包裹|文件|[个件份箱些点]|一[个件份箱些点])|(?:朋友|同学|同事|邻居|家人|亲戚|我妈|我爸|妈妈|爸爸|我姐|我哥|对象|男朋友|女朋友|老公|老婆|${KIN_ZH})(?:从[^，。,\s]{0,6})?(?:寄|发)(?:给我|来|过来)的|商务合作|谈合作|供货|供应商|我们(?:是)?(?:工厂|厂家)|寻求合作|合作机会|想合作|带货|达人合作|入驻|加盟|招商|代运营|帮你们(?:做|优化|推广)`,
);
const RETURN_WORDS = /\b(?:return\w*|refund\w*|exchange|replace\w*|warranty)\b|退|换货|保修|维修/;

/**
 * The shop's marketing mail, texts and pushes ("unsubscribe me from your newsletter", 怎么退订你们的邮件 天天发广告): out of
 * scope even when addressed to us (an account matter, not an order's), so never a complaint or a cancel of an order.
 */
const MARKETING_MAIL_EN =
  /\b(?:unsubscrib\w*|opt(?:-| )?out of (?:your |the |these |all )?(?:e-?mails?|newsletters?|marketing|promo\w*|texts?|sms)|stop (?:sending|emailing|texting|spamming) (?:me )?(?:e-?mails?|newsletters?|promo\w*|ads|adverts?|marketing|texts?|spam|offers)|(?:take|remove|delete) me (?:off|from) (?:your|the) (?:mailing|e-?mail|marketing|newsletter) list)\b/;
const MARKETING_MAIL_ZH = /退订[^，。,\s]{0,6}(?:邮件|短信|广告|推送|消息)|取消订阅|(?:别|不要)(?:再)?(?:给我)?(?:发|推)(?:广告|短信|邮件|推送|营销)|(?:广告|营销|促销)(?:邮件|短信)/;

export function marketingMail(text: string, lang: Lang): boolean {
  return MARKETING_MAIL_EN.test(text.toLowerCase()) || (lang === 'zh' && MARKETING_MAIL_ZH.test(text));
}

/** The buyer's own shipping or a pitch to the shop, unless a return of ours is being arranged. */
export function ownShippingOrPitch(text: string, lang: Lang, lower = text.toLowerCase()): boolean {
  if (RETURN_WORDS.test(lower)) return false;
  return OWN_SHIPPING_EN.test(lower) || (lang === 'zh' && OWN_SHIPPING_ZH.test(text));
}

/**
 * Bought somewhere else or said not to be ours, even when the message asks us ("我在别家买的耳机坏了 你们能修吗",
 * "it's not one of your orders"): the purchase is another seller's.
 */
const BOUGHT_ELSEWHERE_EN =
  /\b(?:(?:bought|ordered|purchased|got) (?:it |them |this |one |\w+ ){0,3}(?:straight |directly )?from (?:the )?(?!amazon\b|you\b|u\b|your\b|ur\b|this\b|here\b|my\b|a\b|an\b|the shop\b|the store\b|the seller\b)[a-z]+(?:'s)? (?:website|site|app|online store|store)|(?:bought|ordered|purchased|got) (?:it |them |this |one )?(?:from|at|on) (?:another|a different|some other|other) (?:website|site|store|shop|seller|retailer|platform|app)|not (?:an? |one of )?(?:your )?(?:orders?|parcels?|packages?|items?|products?) (?:from you|of yours)|not (?:one of )?your (?:orders?|parcels?|packages?|items?|products?)|not one of yours|(?:bought|got|purchased) (?:it |them |this |these )?(?:at|from|in) (?:the |a |my local |our local )?(?:supermarket|grocery store|mall|corner shop|pharmacy|drugstore|market|gas station)|(?:order|parcel|package|item|purchase)s?\b[^.?!]{0,30}?\bfrom (?:another|a different|some other|other) (?:website|site|store|shop|retailer|platform|app))\b/;
const BOUGHT_ELSEWHERE_ZH =
  /(?:超市|商场|实体店|菜市场|便利店|药店|专卖店|线下|楼下|小卖部|夜市)(?:里|上)?(?:买|拍)的|(?:在)?(?:别家|别的店|其他店|其它店|另一家|另外一家|别的网站|其他网站|别的平台|其他平台|别处|别的卖家|其他卖家|其它卖家|别的商家|其他商家|别人家)(?:[^，。,\s]{0,4})?(?:买|拍|下的?单|订|发的?货)|不是(?:在)?(?:你们|你家|这家|贵店|本店)(?:家|店)?的?(?:单|订单|货|东西|包裹|快递)/;

/** Bought elsewhere, unless that is the reason to cancel ours ("found it cheaper on another site, cancel mine"). */
export function boughtElsewhere(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (!BOUGHT_ELSEWHERE_EN.test(lower) && !(lang === 'zh' && BOUGHT_ELSEWHERE_ZH.test(text))) return false;
  return !conceptFeatures(lower, lang).includes('k:cancel') && !/(?:这边|这里|你们这边?)的?(?:单|订单)|\b(?:this|my|the) order (?:here|with you|from you)\b/.test(lower);
}

/**
 * Objects of ours: an order, an item, a parcel, a product, or this shop ("from you", "your store", 你们). A bare
 * "you" is not one: out-of-scope messages address the bot too ("can you refund my ticket").
 */
const OURS_EN =
  /\b(?:orders?|ordered|items?|parcels?|packages?|shipments?|products?|goods|(?:from|with|at|by) (?:you|u)|your (?:shop|store|site|website|company|team|listing|products?|items?)|you(?: guys)? (?:sent|shipped|delivered|sold)|this (?:shop|store|site)|refund\w*|(?:ship|send|deliver|sent|post) (?:it |them |the \w+ )?to|instead|(?:shipping|delivery) address)\b/;
const OURS_ZH = /订单|下单|你们|你家|贵店|本店|店铺|店家|商家|卖家|宝贝|商品|货|买的|收到|快递|包裹|退款|寄到|送到|改寄|收货|地址/;
/** Only this shop itself or a product keeps a reading against a strong class ("my pizza order" is the pizzeria's). */
const SHOP_ITSELF_EN = /\b(?:(?:from|with|at|by) (?:you|u)|your (?:shop|store|site|website|company|team|listing|products?|items?)|you(?: guys)? (?:sent|shipped|delivered|sold)|this (?:shop|store|site))\b/;
const SHOP_ITSELF_ZH = /你们|你家|贵店|本店|店铺|店家|商家|卖家/;

/**
 * The marketplace's own parcels and purchases ("my amazon package", "bought it on amazon", 亚马逊上买的书): the shop sells
 * there too, so they are ours only when the shop is addressed ("bought your air fryer through amazon", 退给你们).
 */
const MARKETPLACE_EN =
  /\b(?:amazon (?:package|parcel|order|delivery|purchase|prime|gift ?card|account|locker)s?|(?:bought|ordered|purchased|got) (?:\w+ ){0,3}(?:on|from|through|via|off) amazon)\b/;
const MARKETPLACE_ZH = /亚马逊(?:上|的)?(?:买|订|下单|快递|包裹|订单|会员)|在亚马逊/;
const ADDRESSED_EN = /\b(?:you|your|u|ur|yours|seller|shop|store)\b/;
const ADDRESSED_ZH = /你们|你家|贵店|本店|店铺|店家|商家|卖家/;

/** A request for help made to the bot: "can you help me write …", "could u check it", 你能帮我: the bot as a helper, not the shop. */
export const ASKS_HELP =
  /\b(?:can|could|would|will|pls|please) (?:you|u) (?:please |pls |just )?(?:help|contact|write|tell|check|chek|find|call|email|message|chase)\b|\bhelp me\b|你?(?:能|可以|可不可以|能不能)?帮(?:我|忙)/giu;

function marketplaceOwn(text: string, lower: string, zh: boolean): boolean {
  const said = lower.replace(ASKS_HELP, ' ');
  return (MARKETPLACE_EN.test(lower) && !ADDRESSED_EN.test(said)) || (zh && MARKETPLACE_ZH.test(text) && !ADDRESSED_ZH.test(text.replace(ASKS_HELP, ' ')));
}

/**
 * How to complain to or about someone who is not this shop ("how do i complain to them", "how to complain about a
 * noisy neighbour", 超市买的牛奶过期了 去哪投诉, 12315): asked *how* or *where*, the complaint is for another party;
 * a complaint for us is made here ("I want to complain", 我要投诉) or names us or our order.
 */
const COMPLAIN_ELSEWHERE_EN =
  /\bhow (?:do|can|could|should|would|to) (?:i |we )?(?:go about )?(?:file |make |lodge |submit |raise |send )?(?:a |an )?(?:formal )?complain\w* (?:to|about|against|with) (?!you\b|u\b|ur\b|your\b|yours\b|this (?:shop|store|seller|site)\b|the (?:shop|store|seller)\b|(?:my|the|this|that|an?) (?:order|item|product|delivery|parcel|package|purchase|refund|return)\b|(?:order|item|product|delivery|service|quality|shipping)\b)/;
const COMPLAIN_ELSEWHERE_ZH = /(?:去哪|去哪里|去哪儿|在哪|找谁|向谁|跟谁|往哪|哪里可以|哪能)(?:能|可以)?投诉|投诉(?:电话|热线)是?多少|12315|消协|消费者协会/;
/**
 * Returning a thing to a company named after "to" ("how do i return it to dell", "return my cable box to xfinity"):
 * that company's return. The marketplace, a sender, the seller or us keep it ours.
 */
const RETURN_TO_OTHER_EN =
  /\breturn\w* (?:it|them|this|that|these|those|(?:my|the) [\w ]{1,20}?) (?:back )?to (?!(?:you|u|ur|your|us|the|a|an|my|this|that|sender|seller|amazon|store|shop|warehouse|factory|get|buy|have|receive|be|go|exchange|swap|replace|send|ship|pay|claim)\b)[a-z][\w&'+-]*(?=\s*(?:$|[.,?!;]|\s(?:store|for|and|where|please|pls|how|but|or)\b))/;

/** The complaint or the return is asked for with another party named as its addressee. */
function addressedElsewhere(lower: string, text: string, zh: boolean): boolean {
  return COMPLAIN_ELSEWHERE_EN.test(lower) || RETURN_TO_OTHER_EN.test(lower) || (zh && COMPLAIN_ELSEWHERE_ZH.test(text));
}

/**
 * Whether the message is about another business: someone else's parcel, a strong non-shop class without this
 * shop or a product of ours named, or a weak one without any object of ours.
 */
export function namesOtherBusiness(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  const zh = lang === 'zh';
  if (boughtElsewhere(text, lang) || ownShippingOrPitch(text, lang, lower) || marketplaceOwn(text, lower, zh)) return true;
  const shopItself = SHOP_ITSELF_EN.test(lower) || (zh && SHOP_ITSELF_ZH.test(text));
  if (THEIR_PARCEL_EN.test(lower) || (zh && THEIR_PARCEL_ZH.test(text))) return !shopItself;
  // The billing address named beside the shipping address is the buyer's own order form, not a bank's.
  const strong = addressedElsewhere(lower, text, zh) || STRONG_EN.test(/\b(?:shipping|delivery) address/.test(lower) ? lower.replace(/\bbilling address/g, ' ') : lower) || (zh && STRONG_ZH.test(text));
  const weak = strong || WEAK_EN.test(lower) || (zh && WEAK_ZH.test(text));
  if (!weak) return false;
  const product = conceptFeatures(lower, lang).includes('k:product');
  if (strong) return !shopItself;
  return !(shopItself || product || OURS_EN.test(lower) || (zh && OURS_ZH.test(text)));
}

/** Concepts of this shop's own business (not talk, not people, not general questions). */
const SHOP_MATTER = new Set(['k:product', 'k:cancel', 'k:address', 'k:shipping_state', 'k:not_received', 'k:return', 'k:fault', 'k:payment', 'k:review']);
/** Concepts of other matters: accounts and mail, general knowledge, other companies. */
const NOT_SHOP_MATTER = new Set(['k:account', 'k:offtopic', 'k:elsewhere']);
const SHOP_OBJECT_EN = /\b(?:orders?|ordered|items?|parcels?|packages?|purchase[sd]?|you guys|from (?:you|u))\b/;
const SHOP_OBJECT_ZH = /订单|下单|你们|你家|贵店|本店|店铺|商品|宝贝|买的|收到/;
/**
 * Said outright to be ours: this shop, its things ("your tents", "which of your …"), or the buyer's purchase from it
 * ("my order", "I bought", 我买的, 你们发的). A product measure ("the 20L daypack", 1.8米的床) is a product too.
 */
const OURS_OUTRIGHT_EN =
  /\b(?:(?:from|with|at|by) (?:you|u)|your (?!name|opinion|favou?rite|day|weekend|life|family)\w+|you(?: guys)? (?:sent|shipped|delivered|sold)|this (?:shop|store|site)|(?:my|the|this|that) (?:order|purchase)|i (?:bought|ordered|purchased))\b|(?:\b\d+(?:\.\d+)?|zznum) ?(?:l|ml|cm|mm|kg|g|w|mah|inch|in|oz|lbs?)\b/;
const OURS_OUTRIGHT_ZH = /你们|你家|贵店|本店|店铺|店家|商家|卖家|买的|订单|下单|(?:\d+(?:\.\d+)?|zznum) ?(?:米|厘米|毫米|升|毫升|l|ml|cm|mm|瓦|w|毫安)/i;

/**
 * An invoice or receipt for the buyer's order ("an invoice for my purchase", "VAT invoice for order 111-…", 能开发票吗
 * 公司报销用): a shop question, where an account's, a company account's or a tax number's invoice settings are not.
 */
const INVOICE_FOR_ORDER_EN =
  /\b(?:invoice|receipt)s? (?:for|of|on) (?:my|the|this|that|an?) (?:order|purchase|items?|\w+ (?:order|purchase))\b|\b(?:invoice|receipt)s? for (?:order )?zzorderid\b/;
const INVOICE_FOR_ORDER_ZH = /(?:开|要|给我|能开|可以开)(?:个|张)?(?:发票|发漂|收据)(?![^，。,\s]{0,8}(?:抬头|税号|账户|账号))|(?:发票|收据)[^，。,\s]{0,6}报销|报销[^，。,\s]{0,6}(?:发票|收据)/;

/**
 * How plainly a message is about this shop's own business: `ours` when it says so outright (the shop, its things,
 * the buyer's purchase), `matter` when it names a shop matter (an order, an item, a return, a fault, a delivery, a
 * payment), `none` otherwise, or when it also names something of another kind (an account, general knowledge,
 * another company, a non-shop service even next to an order). Used to keep a message the intent model could not
 * place in scope (nlu.ts `shopMatter`), with a lower scope-gate floor for `ours`.
 */
export function shopReference(text: string, lang: Lang): 'ours' | 'matter' | 'none' {
  const lower = text.toLowerCase();
  const zh = lang === 'zh';
  if (STRONG_EN.test(lower) || WEAK_EN.test(lower) || (zh && (STRONG_ZH.test(text) || WEAK_ZH.test(text)))) return 'none';
  if (boughtElsewhere(text, lang) || ownShippingOrPitch(text, lang, lower)) return 'none';
  if (THEIR_PARCEL_EN.test(lower) || (zh && THEIR_PARCEL_ZH.test(text))) return 'none';
  if (INVOICE_FOR_ORDER_EN.test(lower) || (zh && INVOICE_FOR_ORDER_ZH.test(text))) return 'ours';
  const concepts = conceptFeatures(lower, lang);
  if (concepts.some((k) => NOT_SHOP_MATTER.has(k))) return 'none';
  if (OURS_OUTRIGHT_EN.test(lower) || (zh && OURS_OUTRIGHT_ZH.test(text))) return 'ours';
  return SHOP_OBJECT_EN.test(lower) || (zh && SHOP_OBJECT_ZH.test(text)) || concepts.some((k) => SHOP_MATTER.has(k)) ? 'matter' : 'none';
}

/** Whether the message says outright that it is about this shop ("from you", "your store", 你们发的, 在你们家). */
export function ownedByUs(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (/\bnot (?:bought |ordered |purchased )?(?:from|with|on|at) (?:you|u|your)\b/.test(lower) || /不是(?:在)?(?:你们|你家|这家|贵店|本店)/.test(text)) return false;
  return SHOP_ITSELF_EN.test(lower) || (lang === 'zh' && /你们(?:发|寄|家|的?[^，。,\s]{0,4}店)|在你们|贵店|本店/.test(text));
}

/**
 * How to cancel something that is not an order of ours ("how do I cancel my HelloFresh boxes", "how to cancel a job
 * interview politely"): the words after "cancel" name no order, purchase, parcel or pronoun for one. The engine also
 * keeps a product of the catalog named there (nlu.ts); "how do I cancel my order" and "how to cancel the lamp" stay ours.
 */
const HOW_TO_CANCEL_EN = /\bhow (?:do|can|could|would|should|to) (?:i |we |you |u )?(?:go about )?cancel(?:l?ing)? (?:a |an |my |the |our |this |that )?((?:[\w'-]+ ?){1,3})/;
const ORDER_WORDS_EN = /\b(?:orders?|ordr|oder|purchases?|items?|shipments?|deliver(?:y|ies)|parcels?|packages?|it|them|this|that|one|mine|everything|all|request|return|refund|exchange)\b/;
/** Where the thing named ends: "cancel duolingo super pls", "cancel linkedin premium before the trial ends". */
const OBJECT_END_EN = /\b(?:before|after|pls|plz|please|asap|now|because|since|so|if|for|and|but|with|without|when|or)\b.*$/;

/** The thing "how do I cancel …" names, when it is no order or parcel word (the caller checks the catalog). */
export function cancelledThing(text: string, lang: Lang): string | undefined {
  if (lang !== 'en' && !/[a-z]/i.test(text)) return undefined;
  const object = HOW_TO_CANCEL_EN.exec(text.toLowerCase())?.[1]?.replace(OBJECT_END_EN, '').trim();
  return object && !ORDER_WORDS_EN.test(object) ? object : undefined;
}
