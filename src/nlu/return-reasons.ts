/**
 * Return reason categories from buyer wording. The category decides who pays return shipping
 * (seed 001/003), so seller-fault wording is checked before buyer-choice wording.
 */
import type { ReturnReason } from '../domain/order.js';
import type { Lang } from '../domain/lang.js';

type ReasonPatterns = ReadonlyArray<readonly [ReturnReason, RegExp]>;

const EN: ReasonPatterns = [
  ['wrong_item', /\b(?:wrong (?:item|product|thing|model|one|order|package)|not (?:the (?:item|thing|one) )?what i (?:ordered|bought|paid for)|(?:sent|shipped|gave|got|received) (?:me )?(?:the |a )?wrong|different (?:item|product) (?:than|from) (?:what )?i ordered|someone else'?s (?:order|package)|(?:(?:is|are|was|were)n'?t|not) (?:what|the (?:ones?|items?|things?|model|size|colou?r)(?: that)?) i (?:ordered|bought|paid for|picked)|(?:completely|totally|entirely|a) different (?:item|product|thing|model|brand))\b/i],
  ['missing_parts', /\b(?:missing (?:parts?|pieces?|accessor(?:y|ies)|cable|charger|screws?|items?)|(?:parts?|pieces?|cable|charger|strap) (?:is |are |was |were )?missing|incomplete|not all (?:the )?parts)\b/i],
  ['not_as_described', /\b(?:not as (?:described|advertised|pictured|shown)|(?:doesn'?t|does not|didn'?t|did not) (?:match|look like) (?:the )?(?:description|picture|photos?|listing|pictures)|looks? nothing like|differs? from the (?:description|listing|photos?)|fake|counterfeit|knock-?off)\b/i],
  ['damaged', /\b(?:damaged|broken|broke|cracked|smashed|shattered|crushed|dented|torn|ripped|scratched|arrived (?:in pieces|busted)|busted)\b/i],
  ['defective', /\b(?:defective|faulty|malfunction(?:ing|s)?|(?:doesn'?t|does not|won'?t|will not|didn'?t|did not|dont|don't|isn'?t|is not|no longer) (?:work|works|working|turn on|turns on|switch on|switches on|come on|comes on|light up|lights up|charge|charges|connect|pair|power on|powers on|hold (?:a )?charge)|stopped working|not working|dead on arrival|\bdoa\b|dies after|no sound|won'?t stay charged)\b/i],
  ['wrong_size_or_colour', /\b(?:too (?:small|big|large|tight|loose|short|long|narrow|wide)|(?:wrong|different) (?:size|colou?r|fit)|(?:doesn'?t|does not|didn'?t|did not) fit|runs? (?:small|large|big)|size (?:is|was) (?:off|wrong)|(?:hate|don'?t like) the colou?r|colou?r (?:is|was) (?:off|wrong|different))\b/i],
  ['better_price_found', /\b(?:cheaper|better (?:price|deal)|lower price|found it for less|price (?:dropped|went down))\b/i],
  ['ordered_by_mistake', /\b(?:by mistake|by accident|accidentally|mistakenly|ordered (?:the )?wrong|wrong (?:one )?ordered|ordered twice|duplicate order|double ordered|misclick|clicked (?:the )?wrong)\b/i],
  ['no_longer_needed', /\b(?:(?:no longer|don'?t|do not|dont) (?:need|want) (?:it|this|them|the)|changed my mind|change of mind|not needed|no need for it|(?:didn'?t|did not) like it|don'?t like it|not (?:happy|satisfied) with it)\b/i],
];

const ZH: ReasonPatterns = [
  ['wrong_item', /发错|寄错|错发|送错|货不对|不是我(?:要|买|订|下单)的|跟我(?:买|订|下单)的不一样|和我(?:买|订)的不一样|型号不对|东西不对|拿错|(?:发|寄|送)成了?(?:别的|另一|其他)/],
  ['missing_parts', /少了|缺(?:了)?(?:配件|零件|东西|件|个|一个|螺丝|充电器|线)|配件不全|漏发|少发|不齐全|不完整/],
  ['not_as_described', /与描述不符|和描述不符|跟描述不(?:符|一样)|描述不符|货不对板|和图片不(?:一样|符)|跟图片不(?:一样|符)|与图片不符|和(?:页面|详情页)不(?:一样|符)|假货|山寨|实物与图片不符|色差严重/],
  ['damaged', /破损|摔坏|压坏|碎了|裂了|破了|有划痕|划伤|变形|磕坏|烂了|外壳坏|收到(?:就|时)?(?:是)?坏|(?:收到|到货|寄到)(?:就|时|的时候)?(?:已经)?(?:化了|融化|熔化|化掉|粘在一起)/],
  ['defective', /坏了|坏的|质量问题|故障|不能用|用不了|没反应|开不了机|开不开机|打不开|充不进(?:去)?电|充不上电|没声音|不工作|失灵|不响|连不上|有瑕疵|次品|残次/],
  ['wrong_size_or_colour', /尺码|尺寸不(?:对|合适)|大小不(?:对|合适)|太小|太大|偏小|偏大|小了|大了|码数|穿不上|不合脚|挤脚|颜色不(?:对|喜欢)|不喜欢这个颜色|选错(?:了)?(?:颜色|尺码|码)|颜色错/],
  ['better_price_found', /更便宜|便宜的|降价了|价格更低|别家便宜|找到便宜|买贵了/],
  ['ordered_by_mistake', /买错|拍错|下错单|点错|误拍|不小心(?:买|下单|拍)|重复下单|下单下错|订错/],
  ['no_longer_needed', /不想要|不要了|不需要了|用不上|不需要|改主意|不喜欢|不太想要|七天无理由|无理由/],
];

/** First matching category, or undefined when the message gives no reason. */
export function detectReturnReason(text: string, lang: Lang): ReturnReason | undefined {
  const lists: ReasonPatterns[] = lang === 'zh' ? [ZH, EN] : [EN];
  for (const list of lists) {
    for (const [reason, re] of list) {
      if (re.test(text)) return reason;
    }
  }
  return undefined;
}
