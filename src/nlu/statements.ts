/**
 * Statements that carry a request without a request word, by class (round 5, dialog builder's misreads in
 * real conversations): what the tracking says, a product that stopped working, a greeting with a remark about
 * oneself, a greeting followed only by an order number / postcode / email. The classifier reads their words
 * (退回, "returned", "new", a bare id) as the wrong request; these rules read the statement.
 */
import { conceptFeatures } from './concepts.js';
import type { Lang } from '../domain/lang.js';
import type { Decision } from './decision.js';
import type { Intent } from './types.js';

/**
 * The buyer tells what the tracking shows ("tracking says returned to sender", "it says delivered but it isn't
 * here", 物流显示退回了, 显示已签收但我没收到): a delivery-status matter, whatever status word it quotes.
 */
const EN_TRACKING_SAYS =
  /\b(?:tracking|track(?:er|ing page| page)?|status|it|website|site|app|system|courier|carrier|email|text|notification|update)\s+(?:(?:still|now|just)\s+)?(?:says?|said|shows?|showed|showing|is showing|reads?|states?|has it (?:as|at)|marks? it as|marked it as|lists? it as|claims?|told me)\b[^.?!]{0,30}?\b(?:delivered|returned|return(?:ing)? to sender|rts|sent back|failed|attempted|undeliverable|refused|signed|collected|picked up|held|exception|left (?:at|with|in))\b|\b(?:marked|shown|showing|listed) (?:as )?(?:delivered|returned to sender|undeliverable)\b/;
const ZH_TRACKING_SAYS =
  /(?:物流|快递|单号|查询|轨迹|状态|信息|系统|页面|上面|短信|通知|显示|写着|提示)[^，。,！？!?]{0,8}?(?:显示|写着|提示|说|变成|成了|是)?[^，。,！？!?]{0,6}?(?:退回|已退|被退|退件|返回|退给|签收|派送失败|投递失败|配送失败|已送达|送达|妥投|拒收|滞留|异常|放在|已取件|被取走)/u;
/** A request besides the status ("… I want a refund", 我要退款): that request is meant. */
const EN_OTHER_REQUEST = /\b(?:refund|money back|want to return|return it|send it back|cancel|replace\w*|exchange)\b/;
const ZH_OTHER_REQUEST = /退款|退钱|退货|我要退|想退|取消|换货|赔/u;

export function reportsTrackingStatus(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (EN_OTHER_REQUEST.test(lower) || ZH_OTHER_REQUEST.test(text)) return false;
  return EN_TRACKING_SAYS.test(lower) || (lang === 'zh' && ZH_TRACKING_SAYS.test(text) && /显示|写着|提示|说|变成|成了|物流|快递|轨迹|状态|短信|通知/u.test(text));
}

/**
 * Products outside the seller's current catalogue words (concepts.ts `k:product`): household and personal
 * electronics a buyer may name when it fails.
 */
const EN_APPLIANCE =
  /\b(?:kettle|toaster|blender|mixer|juicer|fryer|microwave|oven|heater|fan|hair ?dryer|dryer|straightener|shaver|razor|toothbrush|vacuum|hoover|iron|lamp|light|bulb|torch|headphones?|earbuds?|earphones?|headset|speaker|charger|power ?bank|mouse|keyboard|watch|smartwatch|tablet|camera|remote|router|printer|scale|thermometer|humidifier|purifier|coffee (?:machine|maker)|grinder|monitor|laptop|phone)s?\b/;
const ZH_APPLIANCE =
  /水壶|烧水壶|电水壶|烤面包机|面包机|搅拌机|料理机|破壁机|榨汁机|炸锅|微波炉|烤箱|电饭煲|取暖器|暖风机|风扇|电扇|吹风机|电吹风|卷发棒|直板夹|剃须刀|电动牙刷|吸尘器|扫地机|熨斗|台灯|灯|手电|耳机|音箱|音响|充电宝|充电器|鼠标|键盘|手表|手环|平板|相机|遥控器|路由器|打印机|体重秤|秤|体温计|加湿器|净化器|咖啡机|磨豆机|显示器|电脑|手机/u;
/** Stopped working, told as a fact: "has stopped working", "died after a week", 不转了, 一边没声音了. */
const EN_STOPPED =
  /\b(?:stopped \w+|has stopped|quit \w+ing|died|dead|is dead|broke(?:n)?(?: down)?|packed (?:up|in)|conked out|gave up|giving up|doesn'?t (?:work|turn on|charge|heat|spin|light up)|does not (?:work|turn on|charge|heat)|won'?t (?:work|turn on|charge|heat|switch on|power on)|not working|no longer (?:works|working|turns on|charges)|(?:doesn'?t|does not) \w+ any ?more|no sound|only one side|one side (?:is )?(?:silent|dead|not working))\b/;
const ZH_STOPPED =
  /不转了|不亮了|不响了|不热了|不加热|不出水|不出风|不出声|不制冷|不充电|充不进电|充不上电|开不了机|开不开机|打不开了|没反应|没声音|没声了|不出声音|坏了|不工作|不能用了|用不了了|失灵|死机|黑屏|没电了就|断了|不动了/u;
/**
 * A fault told by its symptom rather than as "stopped working" (blind conversations, round 4): a burning smell,
 * cutting out or stopping after a while, tripping the fuse, sparks, smoke, leaks, overheating, grinding, flicker.
 */
const EN_SYMPTOM =
  /\b(?:(?:burning|burnt|burned|melting|electrical) (?:smell|odou?r|plastic)|smells? (?:like |of )?(?:burn\w*|burnt|melting|smoke|electrical)|smok(?:es|ing|ed)|(?:gives|gave|giving) off smoke|sparks?(?:ing|ed)?|(?:cuts?|cutting|conks?) out|(?:shuts?|shutting|switch(?:es)?|switching|turns?|turning|powers?|powering) (?:it ?self )?(?:off|down)|stops? (?:\w+ing )?after|keeps? (?:stopping|cutting out|turning off|switching off|shutting (?:off|down)|tripping|restarting)|trips? (?:the |my |our )?(?:fuse|breaker|circuit|electrics?|power|switch)|tripping (?:the |my |our )?(?:fuse|breaker|circuit|electrics?|power|switch)|blows? (?:the |a )?fuse|leak(?:s|ing|ed)|overheat(?:s|ing|ed)?|gets? (?:really |very |too |so )?(?:hot|burning hot)|(?:grinding|rattling|buzzing|clicking|screeching) (?:noise|sound)|flicker(?:s|ing)?)\b/;
const ZH_SYMPTOM =
  /焦味|糊味|烧焦|焦糊|塑料味|烧糊|冒烟|冒火|火花|跳闸|漏电|漏水|渗水|发烫|烫手|过热|自动断电|自动关机|断电|[就又]停了?|[就又]?自己停|就关机|就灭|一闪一闪|闪烁|异响|怪声|咔咔响|嗡嗡响/u;
/** Damage told as a fact of a named product ("the oven mitts have a hole", "the mug is chipped", 袜子破了个洞). */
const EN_DAMAGE =
  /\b(?:(?:has|have|had|got|with|there'?s|there is|there are) (?:(?:a|an|some|two|three|little|small|big|huge|tiny|massive|long) ){0,2}(?:holes?|tears?|rips?|stains?|cracks?|chips?|dents?|scratch(?:es)?)|torn|ripped|stained|cracked|chipped|dented|scratched|smashed|shattered|snapped|frayed|peeling|came apart|falling apart|fell apart)\b/;
const ZH_DAMAGE = /破了|破洞|有个洞|有洞|开线|脱线|起球|掉色|褪色|裂了|裂开|缺了个?口|磕坏|碎了|变形了|刮花|划痕|凹了|瘪了|开胶/u;
/** What "it" may also be: weather, the body, a vehicle or a service ("it stops raining after lunch", 它下雨). */
const NOT_A_PRODUCT =
  /\b(?:rain\w*|snow\w*|weather|sunny|summer|winter|outside|traffic|bus|train|car|engine|wifi|internet|signal|website|app|page|video|stream|game|pain|hurts?|heart|stomach|head)\b|下雨|天气|夏天|冬天|网|信号|车|疼|痛/u;
/** A fault told of "it" / "mine" with no product named ("it cuts out after a minute"). */
const EN_PRONOUN_SUBJECT = /^(?:\W*(?:hi|hello|hey|so|um|well|ok|okay|and|but|now)\b\W*)*(?:it|it'?s|mine|this(?: one)?|that(?: one)?)\b/;
const ZH_PRONOUN_SUBJECT = /^(?:它|这个|这台|这东西|我的)/u;

/** Someone asking how to fix a thing in general, not telling of theirs. */
const HOW_TO = /\bhow (?:do|can|to|should)\b|怎么修|如何修|怎么办才能修/u;

/** A product of the buyer's that stopped working, told without a request word: a warranty / return matter. */
export function reportsProductFault(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (HOW_TO.test(lower)) return false;
  const stopped = EN_STOPPED.test(lower) || (lang === 'zh' && ZH_STOPPED.test(text));
  const symptom = EN_SYMPTOM.test(lower) || (lang === 'zh' && ZH_SYMPTOM.test(text));
  const damaged = EN_DAMAGE.test(lower) || (lang === 'zh' && ZH_DAMAGE.test(text));
  if (!stopped && !symptom && !damaged) return false;
  if (EN_APPLIANCE.test(lower) || (lang === 'zh' && ZH_APPLIANCE.test(text)) || conceptFeatures(lower, lang).includes('k:product')) return true;
  if (!stopped && !symptom) return false;
  if (NOT_A_PRODUCT.test(lower)) return false;
  return symptom && (EN_PRONOUN_SUBJECT.test(lower) || (lang === 'zh' && ZH_PRONOUN_SUBJECT.test(text.trim())));
}

/** A question about a symptom ("is it normal that it smells?", 正常吗) may be a policy question: the FAQ keeps it. */
export function asksAbout(text: string): boolean {
  return /[?？]|吗|么|呢|是否|是不是|正常|\b(?:is (?:it|this|that)|are|should|can|could|does|do|what|why|how)\b/iu.test(text);
}

/**
 * Sending it back: "can I send something back", "send them back", "post it back", 寄回去, 退回去. The classifier reads
 * a postcode or order number beside it as an address change ("can i send something back from order 111-…? postcode
 * 02445"); the codes are facts, and without an address word the request is a return.
 */
const EN_SEND_BACK =
  /\b(?:send|post|ship|mail|take|bring)(?:ing)? (?:(?:it|them|this|these|that|those|something|stuff|one|things?|everything|(?:the|my|this|these|both) (?:\w+ ){0,2}?\w+) )?back\b|\breturn (?:it|them|this|these|something|the \w+|my \w+)\b/;
const ZH_SEND_BACK = /寄回去|退回去|寄回给|退回给|寄还|寄回来给你们|发回去|邮回去|寄回/u;
/** An address change said in words ("to my new address", 地址, 改寄到): then the address reading stands. */
const EN_ADDRESS_WORD = /\b(?:address\w*|adress|deliver(?:ed|y)? to|ship(?:ped)? to|redirect\w*|reroute\w*|moved|moving)\b/;
const ZH_ADDRESS_WORD = /地址|改寄|寄到|送到|改到|搬家/u;

/** The address itself spoken of ("wrong street", 改寄到): an address change may be meant; without it, it is a guess. */
export function speaksOfAddress(text: string): boolean {
  return EN_ADDRESS_WORD.test(text.toLowerCase()) || ZH_ADDRESS_WORD.test(text) || /\b(?:street|st\.?|road|rd|avenue|ave|apartment|apt|flat|house number|unit)\b|街|路|号楼|门牌|小区|单元/u.test(text.toLowerCase());
}

export function sendsBack(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (EN_ADDRESS_WORD.test(lower) || ZH_ADDRESS_WORD.test(text)) return false;
  return EN_SEND_BACK.test(lower) || (lang === 'zh' && ZH_SEND_BACK.test(text));
}

/**
 * A remark about oneself after a greeting ("I am not very good with these chat things", "sorry im new to this",
 * 我不太会用这个): still a greeting, the buyer has not asked anything yet.
 */
const EN_SELF =
  /^(?:(?:sorry|apologies|um+|uh+|well|so|ok|okay)[\s\p{P}]*)*(?:i'?m|im|i am|me)\b[^.?!]{0,25}\b(?:new|not (?:very |too |that |so |really )?(?:good|great|used|familiar|confident|sure how)|bad|terrible|hopeless|useless|rubbish|clueless|lost|confused|old|slow|a beginner|no good|not techy|not tech)\b|\b(?:first time|never (?:used|done|chatted)|bear with me|new to (?:this|these|chat|online)|not (?:very )?good (?:with|at) (?:these|this|computers|tech|technology|chat))\b/u;
const ZH_SELF = /^我?(?:不太会|不会用|不怎么会|不太懂|不懂|不熟悉|不太熟|第一次|头一次|新手|刚开始用|年纪大|眼神不好|老人|不大会)/u;

export function remarksAboutSelf(rest: string): boolean {
  return EN_SELF.test(rest.toLowerCase()) || ZH_SELF.test(rest.trim());
}

/** Order ids, emails, postcodes and other codes with digits: what is left once they are removed. */
const CODES = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\p{L}\d-]*\d[\p{L}\d-]*\b/gu;

/** The words of a message without its order ids, emails and postcodes: what it tells, not what it identifies. */
export const withoutCodes = (text: string): string => text.replace(CODES, ' ').replace(/\s+/g, ' ').trim();

/** Nothing but codes after the greeting ("hiya 112-… M3 2ER"): no request has been made yet. */
export function onlyCodes(rest: string): boolean {
  return /\d|@/.test(rest) && !/\p{L}/u.test(rest.replace(CODES, ' '));
}

/**
 * A parcel told to be late, with no request word ("my headset was supposed to be here already and its NOT", "the
 * kettle never came", 都一周了还没到): where-is-my-order (the late-order remedies follow from the tracking). The
 * classifier read "already … NOT" as a cancel and asked which was meant.
 */
const EN_LATE =
  /\b(?:(?:was |were |is |are )?supposed to (?:be here|arrive|come|be delivered|get here|have arrived)|(?:should|shouldve|should'?ve) (?:been here|arrived|come)|(?:never|still (?:hasn'?t|has not|hasnt|haven'?t|didn'?t)|hasn'?t|hasnt|has not|didn'?t|did not|still not|not yet) (?:arrived|come|came|shown up|showed up|turned up|got here|been delivered)|(?:still )?(?:not|isn'?t|isnt) here (?:yet|still)|still (?:isn'?t|isnt|not) here|still waiting (?:for|on) (?:it|my|the))\b/;
const ZH_LATE = /还没到|还没收到|一直没到|迟迟(?:没|不)到|怎么还不到|还不到|超时了?(?:都)?没到|早该到了|应该到了(?:吧)?(?:怎么|还)/u;
/** Another request beside the lateness ("… cancel it", "… refund me", 我要取消): that request is meant. */
const EN_LATE_REQUEST = /\b(?:cancel\w*|refund\w*|money back|return\w*|send it back|replace\w*|reship\w*|exchange|complain\w*|address|redirect\w*)\b/;
const ZH_LATE_REQUEST = /取消|退款|退钱|退货|补发|重发|换货|投诉|地址|改寄/u;
const RULE_QUESTION = /\b(?:what (?:happens|if|do i do|should i do|can i do)|how long|if (?:my|the|a|an|it)|in case|policy)\b|如果|万一|怎么办|的话/u;
/** Readings a lateness told may overrule: the classifier's guess at a request the message does not make. */
const LATE_MISREADS: readonly Intent[] = ['cancel_order', 'change_address', 'return_item', 'faq'];

export function toldLate(d: Decision, text: string, lang: Lang): Decision {
  if (!LATE_MISREADS.includes(d.intent) || d.rule === 'elsewhere') return d;
  const lower = text.toLowerCase();
  if (EN_LATE_REQUEST.test(lower) || ZH_LATE_REQUEST.test(text)) return d;
  // "what happens if my parcel hasn't arrived?" asks the rule: the shop question stands.
  if (d.intent === 'faq' && RULE_QUESTION.test(lower)) return d;
  const late = EN_LATE.test(lower) || (lang === 'zh' && ZH_LATE.test(text));
  return late ? { intent: 'track_order', score: 0.8, rule: 'none' } : d;
}

/**
 * The delivery address changed in so many words ("change where my order gets delivered", "update my shipping
 * address", 把收件地址换成新的, 地址改一下): 换 there is not an exchange, and where the parcel goes is not where it is.
 */
const EN_CHANGES_ADDRESS =
  /\b(?:change|changing|update|updating|switch|correct|fix|edit|amend)\s+(?:the |my |our |its |this |that )?(?:delivery |shipping |postal |home )?(?:address|adress|addy)\b|\b(?:change|update|switch)\s+where\s+(?:my|the|this|it|our)\b[^.?!]{0,20}\b(?:delivered|sent|shipped|goes|going)\b|\b(?:send|ship|deliver|redirect)\s+(?:it|them|my order|the order|the parcel|my parcel)\s+to\s+(?:a |my )?(?:new|different|other)\s+address\b/;
const ZH_CHANGES_ADDRESS = /(?:收件|收货|送货|配送|寄送)?地址(?:能|可以|能不能|可不可以)?(?:换|改|变)(?:成|为|到|一下)?|(?:换|改|变更|修改)(?:个|一下)?(?:收件|收货|送货|配送)?地址/u;

export function changesAddress(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (/\b(?:return\w*|refund\w*|exchange)\b|退|换货/u.test(lower)) return false;
  return EN_CHANGES_ADDRESS.test(lower) || (lang === 'zh' && ZH_CHANGES_ADDRESS.test(text));
}
