/**
 * A small domain lexicon: words that mean the same thing to an after-sales desk fire one shared
 * "concept" feature, so the classifier generalises from a few hundred examples to wording it has
 * never seen ("supervisor" ~ "agent", "scrap the order" ~ "cancel", "窝火" ~ "生气").
 * English patterns run on lower-cased text; Chinese patterns on the raw characters.
 */
import type { Lang } from '../domain/lang.js';

type ConceptTable = ReadonlyArray<readonly [string, RegExp]>;

const EN: ConceptTable = [
  ['human', /\b(?:human|person|people|agent|staff|representative|rep|supervisor|manager|someone|somebody|team|colleague|operator|member of|employee|live chat|customer (?:service|care|support)|support team|real one|actual|hotline|phone number (?:i|to) (?:can )?call|over the phone|call ?back|anyone real|someone real|real (?:person|human|people)|live (?:support|agent|person|help))\b/],
  ['bot', /\b(?:bot|robot|machine|automated|ai)\b/],
  ['cancel', /\b(?:cancel\w*|cancle\w*|cancell\w*|ann?ul\w*|scrap|void|undo|call off|call (?:it|that|this|them|the order) off|withdraw|abort|revoke|stop (?:the|my|this) (?:order|shipment|delivery|package|parcel)|halt|not go ahead|back out of|no need to (?:ship|send)|don'?t (?:process|ship|send|dispatch)|(?:please|pls|plz) (?:do )?not (?:send|ship|dispatch)|stop it (?:before|from) (?:it )?(?:ship|send|dispatch|go)\w*|kill (?:\w+ )?order|(?:can|could|pls|please) (?:u |you )?(?:just )?kill (?:it|them)\b|remove (?:\w+ ){0,4}from (?:my|the|this) order|take (?:\w+ ){0,4}off (?:my|the|this) order)\b/],
  ['address', /\b(?:address\w*|adress|addr|addy|street|st|road|rd|avenue|ave|lane|zip(?!(?: ?code)?:? ?\d)|zipcode(?!:? ?\d)|postcode(?!:? ?[a-z]{0,2}\d)|postal(?! code:? ?[a-z]{0,2}\d)|city|apartment|apt|flat|house number|floor|suite|(?<!(?:not|never|hasn'?t|hasnt|haven'?t|havent|didn'?t|didnt|isn'?t|has not|have not|did not) )moved|(?<!(?:not|isn'?t|stopped) )moving|move house|relocat\w*|new place|redirect\w*|reroute\w*|destination|recipient|addressee|name on (?:the|my) (?:order|parcel|package|label)|contact (?:phone|number|details)|(?:phone|mobile|contact) (?:number )?on (?:the|my) (?:order|label|parcel|package))\b/],
  ['deliver_to', /\b(?:(?:ship|send|deliver|sent|go|goes|going|mail|post) (?:it |them |the (?:parcel|package|order) )?to|instead)\b/],
  ['where', /\b(?:where|when|whereabouts|status|update|updates|progress|eta|expected|estimated|how long until)\b/],
  ['shipping_state', /\b(?:ship(?:ped|ping)?|dispatch\w*|sent|send|deliver\w*|arriv\w*|track\w*|courier|carrier|transit|in the post|warehouse|on the way|out for delivery|parcel|package|show(?:s|n)? up|turn(?:s|ed)? up|get(?:s)? here)\b/],
  ['not_received', /\b(?:not (?:received|arrived|here|come)|never (?:got|received|came|arrived)|still (?:nothing|waiting|no sign)|no sign|haven'?t (?:got|received)|hasn'?t (?:arrived|come|changed|moved|updated)|lost|missing parcel|waiting (?:ages|forever|for weeks)|ages|overdue|late|stuck|supposed to (?:be here|arrive|come|get here|be delivered)|(?:hasn'?t|has not|haven'?t|never|didn'?t|still not) (?:shown|turned|showed|show|turn|come|arrived)(?: up)?|held|held up|on hold|not moving|customs|clearance|clearing|(?:it'?s|its|it has) been (?:\w+ ){0,2}(?:days|weeks|months|a week|a month|ages|forever)|how much longer|since forever)\b/],
  ['return', /\b(?:return\w*|retrun\w*|refund\w*|money back|send (?:it |them )?back|give back|exchang\w*|swap|replac\w*|warrant\w*|guarantee|repair\w*|rma|get (?:it|them) fixed|fix or replace|fixed or replaced)\b/],
  ['fault', /\b(?:broken|broke|crack\w*|damag\w*|defective|faulty|dead|died|stopped working|stopped \w+ing|quit \w+ing|doesn'?t work|not working|(?:no|not|dont|don'?t|didnt|didn'?t) work(?:s|ing)?|won'?t (?:charge|turn on|work)|shuts? off|crackl\w*|noise|scratch\w*|torn|missing|wrong (?:item|size|colou?r|one|model)|too (?:small|big|tight|loose)|pinch\w*|(?:doesn'?t|didn'?t) fit|nothing like|not what i ordered|instead of|left shoes|smash\w*|shatter\w*|crush\w*|dented|bent|snapped|chipped|in (?:bits|pieces)|holes? in|(?:has|have|had|got|with|there'?s) (?:a |an |some |two |three )?(?:small |big |huge |tiny |massive )?holes?|ripped|leak\w*|stain\w*|(?:quit|died|gave up) on me|flicker\w*|overheat\w*|cuts? out|keeps? (?:turning|switching|shutting) off|someone else'?s (?:stuff|things|items?|order|parcel|package)|(?:not|isn'?t) what i (?:bought|ordered|paid for))\b/],
  ['anger', /\b(?:complain\w*|angry|furious|upset|disappoint\w*|terrible|awful|horrible|worst|useless|pathetic|outrageous|ridiculous|unacceptable|rip-?off|rip (?:off|offs)|confusing|let ?down|never (?:shopping|buying|ordering) (?:here|from (?:you|u)|with (?:you|u)) again|so (?:complicated|hard to use)|ripped off|scam\w*|junk|garbage|rubbish|ashamed|regret\w*|misled|misleading|lied|cheated|frustrat\w*|fed up|disgrace\w*|shame|furious|dissatisfied|unhappy|not happy|poor (?:quality|service)|hung up|nobody cares|not a single reply|no reply|ignored|rude|impolite|disgust\w*|unprofessional|incompetent|unhelpful|clueless|attitude|wtf|what the (?:hell|heck|f\w*)|wrong with you|(?:is|was|are|were) (?:a )?(?:joke|farce|circus)|dismissive|condescending|patroni[sz]\w*|insult\w*|disrespect\w*|nightmare|never again|appalling|shocking|aggressive|annoyed|not impressed|not ok(?:ay)? at all|(?:threw|thrown|chucked|tossed|dumped) (?:it|the|my)|canned (?:answer|response|reply)|templates?|copy[- ]?paste\w*|talk(?:ed|ing)? over me|bothering them|lawyer|solicitor|attorney|sue|suing|legal action|take you to court|caught fire|fire hazard|burn(?:ed|t) (?:my|me|the)|unsafe|dangerous|safety hazard|shady|sloppy|sick of|trading standards|consumer (?:protection|rights|agency)|better business bureau|report(?:ing)? (?:you|u|this (?:shop|store|seller))|expected (?:much |way |a lot )?better|not worth (?:the|it)|overpriced|waste of (?:money|time)|(?:slow|ages|forever|days) (?:to |in )?(?:reply|replying|respond\w*|answer\w*|get(?:ting)? back)|(?:so|too|really|very|super) slow (?:to |in )?(?:reply|replying|respond\w*|answer\w*)|(?:so|too|really|very|super) slow,? (?:i |we )?(?:waited|been waiting)|wait(?:ed|ing)? (?:\w+ ){0,3}for (?:a |any |your |their )?(?:reply|response|answer|call ?back)|no(?:body| one) (?:has |ever )?(?:replied|responded|answered|got back|gets back))\b/],
  ['review', /\b(?:review\w*|one star|1[- ]star|star rating|rating|feedback)\b/],
  ['presales', /\b(?:do (?:you|u|ya) (?:guys )?(?:accept|take|ship|deliver|offer|have|sell|stock|carry)|can i (?:pay|use)|is there|are there|does the|do the|is the|are the|how (?:long|much|many|heavy|thick)|which|what (?:is|are|size|sizes|material)|available|compatible|suitable|before i (?:buy|order)|in general|usually|policy|discount\w*|coupon\w*|voucher\w*|promo\w*|bulk|buy (?:two|2|more|several)|runs? (?:small|big|large|true|narrow|wide)|true to size|(?:thinking|planning) (?:of|about|to) (?:buy|get|order)\w*|before (?:buying|ordering))\b/],
  ['payment', /\b(?:pay|paying|payment|paypal|card|cards|apple pay|google pay|checkout|instal+ments?|charged?)\b/],
  ['product', /\b(?:speaker|case|shoes?|wide feet|narrow feet|width|arch|trainers|sneakers|battery|size|sizes|material|waterproof|bluetooth|iphone|samsung|galaxy|android|kettle|grinder|lamp|bottle|flask|thermos|tea ?set|teapot|cups?|mugs?|headset|head ?phones?|earbuds?|earphones?|skillet|frying pan|pans?|pots?|spatulas?|mitts?|gloves?|jacket|raincoat|coat|blender|fryer|cables?|charger|adapter|umbrella|yoga mat|mat|notebook|journal|mouse|keyboard|laptop stand|backpack|rucksack|knife|knives|socks|blanket|candles?|pillows?|cushions?|toaster|mixer|vacuum|shirt|t-shirt|hoodie|sweater|jumper|dress|jeans|trousers|hat|toy)\b/],
  ['thank', /\b(?:thank\w*|than[xq]|thnks?|tnx|thx|thnx|tks|ty|tysm|much obliged|cheers|appreciate\w*|grateful)\b/],
  ['bye', /\b(?:bye\w*|goodbye|ttyl|cya|see (?:you|ya)|talk (?:to you )?(?:later|soon)|gotta go|g2g|have a (?:good|nice) (?:day|one|night|evening)|ciao|cheerio|laters|take care|peace out|catch you later)\b/],
  ['account', /\b(?:password|log ?in|login|sign ?in|sign up|account|profile|username|newsletter|mailing list|promotional|marketing|invoice|receipt|vat|tax number|verification|2fa|two-factor)\b/],
  ['offtopic', /\b(?:weather|forecast|rain(?! ?(?:jacket|coat|cover|proof|boots?|hat|shell|poncho))|sunny|poem|haiku|limerick|joke|funny|(?<!(?:in|of|back in|out of|have in|got in) )stocks?(?! (?:level|up|status|check|available))|shares|nasdaq|bitcoin|crypto|exchange rate|(?<!(?:postal|zip|post|promo|discount|coupon|voucher|gift|tracking|verification|order|confirmation|area|country|bar|qr|sort) )code|coding|python|javascript|typescript|css|html|recipe|cook|movie|music|song|restaurant|capital of|president|history|football|world cup|translate|homework|population|wrote|painted|netflix|spotify|hulu|disney|youtube|gym|insurance|mortgage|my bank|flight|hotel|airbnb|uber|virus|bacteria|planet|dinosaur\w*)\b/],
  ['elsewhere', /\b(?:hulu|doordash|door dash|grubhub|uber ?eats|deliveroo|just eat|instacart|walmart|ebay|costco|aliexpress|temu|shein|etsy|wish\.com|wish (?:order|package|parcel|app|purchase)s?|(?:on|from) wish|nike|adidas|lululemon|audible|disney ?(?:plus|\+)|kickstarter|indiegogo|interflora|lime scooter|lime ride|my lime|rideshare|recruiter|jury|summons|newspaper|semester|drop a class|school trip|noise complaint|(?:steam|itunes|google play|xbox|playstation|netflix|spotify) gift ?cards?|best buy|starbucks|dominos|domino'?s|pizza hut|mcdonald'?s|kfc|playstation|psn|xbox|nintendo|steam (?:store|game|account)|app store|google play|itunes|ikea|landlord|council|city hall|dmv|airline|verizon|at&t|t-mobile|vodafone|comcast|internet provider|broadband|credit card company|car insurance|library)\b/],
];

const ZH: ConceptTable = [
  ['human', /人工|真人|客服|主管|经理|店长|掌柜|员工|工作人员|负责人|同事|客户服务|专员|活人|人来|找人|找个人|回电|回个电话|热线|来电/],
  ['bot', /机器人|机器|自动回复|ai/],
  ['cancel', /取消|撤销|撤回|撤单|作废|退单|退订|别发货|不要发货|先别处理|不打算要|别发了|不要发了|先别发|别寄|不要寄|拦截|拦一下|拦下|拦住|单.{0,4}撤|砍掉|砍单/],
  ['address', /地址|收[获](?:地址|人|信息)|邮编|门牌|街道|街|路\d|号楼|小区|城市|房间号|楼层|搬家|新家|旧地址|老地址|改寄|转寄|转到|送到|寄到|改到|目的地|收货人|收件人|收件信息|收货信息|收货(?:手机|电话)|收件(?:手机|电话)|电话(?:留|写|填)错|号码(?:留|写|填)错|手机号(?:留|写|填)错|省份|[省市区县](?:选|写|填)错|楼号|单元|门牌|栋/],
  ['where', /到哪|在哪|哪了|怎么样了|咋样了|什么情况|什么时候|啥时候|多久|进度|状态|进展|动静|几天|一步/],
  ['shipping_state', /物流|快递|发货|跟踪号|追踪号|物流号|发了|发没发|寄了|寄出|出库|送达|签收|单号|运单|派送|配送|在路上|包裹|发出/],
  ['not_received', /没到|没收到|没送到|还没来|一直没|丢了|寄丢|卡在|没更新|没变|不动了|等了|好久|没动静|都没有|清关|海关|被扣|扣了|扣住|扣下|卡住|卡了|躺了|都.{0,3}(?:天|周|星期)了|[一两三四五六七八九十\d]+(?:天|周|个星期)了|还要等|等多久|东西呢|货呢|包裹呢|快递呢/],
  ['return', /退货|退款|退钱|退回|寄回|退掉|换货|换一个|换个|换成|换大|换小|换.{0,2}色|换.{0,2}码|保修|质保|维修|修一下|能修|退了|要退|想退|rma|七天无理由|无理由退/i],
  ['fault', /坏|裂|破|碎|划痕|少了|少发|漏发|少寄|漏寄|没发全|没有.{0,4}线|缺|不一样|不符|发错|寄错|寄来的是|杂音|没声音|关机|不能用|用不了|充不进|开胶|挤脚|太小|太大|偏小|偏大|尺码不对|两只左|有毛病|质量问题|没有?反[应映]|反[应映][^，。,]{0,2}没有?|不转|不响|不亮|不走了|不工作|失灵|死机|黑屏|开不了机|充不进|漏水|漏气|变形|发霉/],
  ['anger', /投诉|生气|气死|窝火|失望|太差|很差|垃圾|坑|骗|过分|离谱|可笑|不满|后悔|误导|害臊|烂|糟糕|恶心|受够|没人管|不高兴|(?<!麻)烦|一点用都没有|没用|挂.{0,2}电话|态度|恶劣|敷衍|不理人|爱理不理|(?<!(?:男朋友|女朋友|男友|女友|对象|老公|老婆|他|她|朋友|同事|同学|闺蜜|室友|妈|爸|孩子)[^，。,\s]{0,3})不回(?:复|消息|我)?|答非所问|无语|没礼貌|不礼貌|没素质|什么素质|语气.{0,2}差|凶|骂人|骂我|吼|虚假|假货|货不对板|两回事|地摊货|做工.{0,2}(?:糙|差)|粗糙|毛刺|破锣|噩梦|什么破|破玩意|破东西|谁设计|吐槽|坑人|简陋|良心|起火|着火|冒烟|烧了|烧坏|律师|起诉|告你们|太冲|至于吗|什么服务|不人性化|忽悠|说好的|没人联系|没人回|回复.{0,3}慢|慢.{0,3}回复|极差|超差|差劲|真差|好差|体验.{0,2}差|不会再来|再也不(?:买|来|会)|拉黑|踢皮球|服了|老顾客|就这样对待|机翻/],
  ['review', /差评|评价|一星|打分|评分|好评/],
  ['presales', /吗$|吗？|吗\?|有没有|能不能用|可以用|支持|适合|多长|多久|多少|什么(?:材|码|尺)|哪些|一般|政策|买之前|规则|包邮|运费|邮费|(?:今天|现在|几点前|几点之前|明天|晚上|下午|上午|周末)(?:下单|拍|买)|保修(?:几年|多久|多长|期)|质保(?:期|几年|多久)/],
  ['payment', /付款|支付|付钱|刷卡|信用卡|分期|结账|扣款|pay/i],
  ['product', /音箱|手机壳|壳|跑鞋|鞋|脚宽|宽脚|宽版|宽楦|足弓|脚背|电池|尺码|码|材质|材料|防水|蓝牙|iphone|三星|安卓|水壶|磨豆机|台灯|保温杯|水杯|茶具|茶壶|茶杯|耳机|煎锅|铸铁锅|平底锅|锅|刮刀|铲子|手套|雨衣|夹克|外套|冲锋衣|音响|料理机|破壁机|搅拌机|榨汁机|炸锅|数据线|充电线|雨伞|伞|瑜伽垫|垫子|笔记本|鼠标|键盘|支架|背包|书包|法压壶|菜刀|充电器|充电头|袜子|毯子|蜡烛|枕头|衣服|裤子|裙子|帽子|玩具/i],
  ['thank', /谢|感恩|感激|辛苦了/],
  ['bye', /拜拜|掰掰|再见|回见|下次(?:再|见)|先这样|不打扰|byebye|bye|88$/i],
  ['account', /密码|登录|登陆|账号|帐号|注册|个人资料|用户名|头像|邮件列表|促销邮件|广告邮件|订阅|发票|收据|税号|验证码/],
  ['offtopic', /天气|下雨|晴天|诗|笑话|好玩|股|汇率|比特币|代码|编程|编译|python|css|菜谱|怎么做|电影|唱|歌|餐厅|首都|总统|历史|球赛|世界杯|翻译|作业|人口|谁写|谁画|等于|乘以|平方根/i],
  ['elsewhere', /饿了么|美团|mt买的|团购|瑞幸|喜茶|奈雪|蜜雪|海底捞|叮咚买菜|朴朴|b站|哔哩|腾讯视频|tx视频|芒果tv|qq音乐|酷狗|优衣库|李宁|安踏|余额宝|基金|股票|理财|消协|12315|停车场|电影院|爆米花|楼上|天花板|天猫|京东|淘宝|拼多多|(?:苹果|华为|小米|品牌|耐克|阿迪)(?:的)?官网|官网(?:上)?(?:买|订|下单)|华为商城|小米商城|闲鱼|滴滴|12306|高铁|火车票|机票|航空公司|航班|腾讯视频|爱奇艺|优酷|抖音|快手|小红书|唯品会|物业|房东|外卖|宽带|话费|移动公司|联通|电信|营业厅|车险|驾照|健身房|网易云|星巴克|宜家|盒马|图书馆/],
];

/**
 * Asking for a person, as opposed to talking about one: "get me a manager", "human please", 转人工,
 * 找你们主管, 让客服联系我.
 */
const EN_PERSON_REQUEST =
  /\b(?:talk|speak|chat (?:with|to)|transfer\w*|connect\w*|escalat\w*|put me through|get me|give me|pass me|hand me|call me|ring me|phone me|reach|contact|let me|(?:want|need|like) (?:a|an|to talk|to speak|someone|somebody|your)|can i (?:have|get)|(?:human|person|agent|someone|somebody|manager|supervisor) (?:please|pls|now|asap))\b/;
const ZH_PERSON_REQUEST =
  /转|找|接通|换个|换一个|联系|打.{0,2}电话给|叫.{0,4}来|来个|派|安排|要(?:个|一个)?(?:人工|真人|客服|主管|经理|活人)|[跟和让].{0,6}(?:说|谈|聊|沟通|来|处理|联系|回复)/;

/**
 * Another company's or service's business ("my doordash order is late", 淘宝买的东西到哪了, 房东不退押金): not
 * this shop's after-sales, whatever words it shares with it.
 */
export function mentionsElsewhere(text: string, lang: Lang): boolean {
  if (conceptFeatures(text, lang).includes('k:elsewhere')) return true;
  if (lang === 'zh' && (NOT_FROM_US_ZH.test(text) || (REPAIR_ZH.test(text) && !PURCHASE_ZH.test(text)))) return true;
  return OTHER_PARTY[lang].some((re) => re.test(text)) && !(lang === 'zh' && OURS_ZH.test(text));
}

/**
 * Someone else's business told without a brand name, by class (round 3 adds the last four of each language):
 * - bought at another (physical) store, dealings with an institution ("change my address with the post office"),
 *   a membership or subscription (the shop sells neither), parcels the buyer sends themselves (寄快递, 我寄给我妈);
 * - a parcel someone else sent or bought ("my ups package from my mom", "朋友寄给我的", "他在拼多多买的", "不是在你们家买的");
 * - services and people that are not a shop: appointments and bookings, doctors and pharmacies, drivers, waiters,
 *   flights, rentals, tickets, landlords, government papers, phone lines and texts (退订短信, 骚扰电话, robocalls);
 * - a repair or a counter somewhere near the buyer ("where can i get it fixed near me", 附近维修点, 驿站/网点几点关门);
 * - a carrier's own desk asked about in general (圆通网点电话, EMS怎么查单号): ours go by the order, not the carrier.
 */
const OTHER_PARTY: Record<Lang, readonly RegExp[]> = {
  en: [
    /\b(?:(?:at|from|in) (?:the|a|an|my local|a local) (?!online\b|web\b)\w+ (?:store|shop|mall|supermarket|outlet)|with (?:the|my) (?:post office|postal service|bank|city|council|government|irs|tax office|utility company|phone company|insurance company)|(?:to|at) (?:the|my) (?:city|council|government|mayor|bank)\b(?! (?:depot|warehouse|hub|sorting|distribution|post))|(?:membership|subscription)s?\b)/,
    /\b(?:(?:my|a|our) )?(?:friend|mom|mum|mother|dad|father|aunt|uncle|cousin|sister|brother|gran|grandma|grandpa|grandmother|grandfather|neighbou?r|son|daughter|wife|husband|boyfriend|girlfriend|family|colleague)'?s? (?:sent|mailed|posted|shipped|ordered|bought)\b|\b(?:package|parcel|gift|box|letter|order) from (?:my|a) (?:friend|mom|mum|mother|dad|father|aunt|uncle|cousin|sister|brother|gran|grandma|grandpa|neighbou?r|family|colleague)\b|\b(?:from|at|on|with) (?:another|a different|other) (?:store|shop|seller|site|website|retailer|company|app|platform)\b|\b(?:letter|postcard|card) i (?:sent|mailed|posted)\b|\bnot (?:bought |ordered |purchased )?(?:from|with|on) (?:you|your)\b/,
    /\b(?:appointments?|reservations?|check-?up|doctor'?s?|dentist'?s?|hospital|clinic|pharmac(?:y|ist)|prescription|vet|(?:bus|taxi|cab|uber|lyft|train) driver|waiter|waitress|flights?|fly|flying|airport|luggage|baggage|boarding|rental car|car rental|hire car|hertz|avis|concert|ticket ?master|train ticket|landlord|tenant|deposit back|rent|passport|driver'?s licen[cs]e|tax (?:refund|return|office)|robocalls?|spam (?:texts?|calls?)|passcode|unlock my (?:phone|iphone)|zara|h&m|ryanair|easyjet|booking\.com|expedia|(?:from|at) target|an app|in-app|app purchases?|gmail|instagram|facebook|tiktok|whatsapp|netflix|spotify)\b/,
    /\b(?:employer|unemployment|benefits? (?:claim|payment|check)|financial aid|student loan|tuition|college|university|(?:trash|garbage|bin|rubbish) (?:collection|pickup|pick-?up|day|truck|men)|pick(?:ed)? up (?:our |the |my )?(?:trash|garbage|bins?|rubbish)|recycling|(?:animal )?shelter|adopt(?:ed|ion)|port (?:my )?(?:phone )?number|(?:phone|mobile|network) (?:carrier|provider|operator)|new carrier|(?:is|was) (?:that|this|it) (?:legal|illegal|allowed|a scam|awful|ethical|a real text)|what does an? [\w ]{0,20}tracking number look like|(?!your\b|the\b|my\b|its?\b|this\b|that\b|our\b)[a-z]+'s (?:warranty|guarantee|repair|support|customer service)|does (?!it\b|this\b|that\b|the\b|your\b|yours\b|u\b|you\b)[a-z]+ (?:repair|fix|replace|cover|honou?r) )\b/,
    /\b(?:fix|fixed|repair\w*|replaced|mended|service\w*|done)\b[^.?!]{0,25}\b(?:near me|nearby|in my area|around here)\b|\b(?:nearest|closest)\b(?! (?:locker|pick-?up|collection|parcel shop|drop-?off point for))(?![^.?!]*\b(?:return|refund|rma|label)\b)|\bpost office\b[^.?!]*\b(?:open|close|hours|stamps?)\b|\b(?:what time|when) does the \w+(?: \w+)? (?:open|close)\b/,
  ],
  zh: [
    /寄(?:个|一个|了个)?快递|寄件(?!人)|我寄给(?!你们|商家|卖家)|我自己寄|在(?!你们|贵店|本店|这家)[^，。,\s]{0,6}(?:实体店|专卖店|门店|商场|超市|苹果店)买|会员(?:费|卡|资格)?(?:自动)?续费/,
    /(?:朋友|同学|同事|家人|我妈|我爸|妈妈|爸爸|我姐|我哥|亲戚|对象|男朋友|女朋友|老公|老婆|他|她)(?:在[^，。,\s]{1,6})?(?:寄给我|寄来|寄的|给我寄|帮我买|买的|送我的)/,
    /王者|wzry|原神|吃鸡|点券|游戏币|4s店|保养|年检|车检|电瓶|打不着火|中介|租房|业主群|停水|停电|垃圾(?:堆|桶|站|车|清运|分类|没人)|倒垃圾|论文|查重|考研|报名|营业执照|政务|团建|大巴|elm|ele\.me|(?:jd|京东)(?:快递|物流)|寄回老家|寄回家|医院|挂号|牙医|医生|药店|诊所|体检|酒店|民宿|航班|机场|行李|租车|租的车|演唱会|门票|电影票|退票|网约车|出租车|的士|公交|地铁|饭店|餐馆|服务员|房租|押金|身份证|社保|户口|护照|个税|退税|征信|短信|骚扰电话|流量包|套餐|中国移动|移动的|双色球|彩票|开奖/,
    /附近|维修点|去哪里?(?:修|换|买)|哪里(?:能|可以)?(?:修|换电池)|(?:修|换电池|换屏幕?)[^，。,\s]{0,3}去哪|扔(?:哪|到哪)|回收|驿站|快递柜|快递点|网点|(?:顺丰|中通|圆通|申通|韵达|邮政|ems|百世|极兔|德邦|菜鸟|丰巢)(?:快递)?(?:的)?(?:电话|客服电话|网点|几点|怎么查|怎么寄|上班|下班)|寄(?:个|一个)?(?:包裹|东西|文件|自行车|行李)|用哪(?:个|家)快递/i,
  ],
};
/**
 * Who repairs a thing, or what a repair costs, with no purchase of ours told (洗衣机坏了找谁修, 屏幕碎了自己能换吗,
 * 换个屏大概多少钱): a repair shop's matter. 我买的台灯坏了怎么修 and 你们发来的 stay ours.
 */
const REPAIR_ZH = /找谁修|谁能修|怎么修(?!改|正|订)|去哪修|(?:推荐|找|介绍|叫)(?:个|一个|一下)?(?:靠谱的?)?(?:维修|修理)(?:师傅|工|店|铺)|(?:哪里|哪儿|哪家)[^，。,\s]{0,4}换屏|换屏[^，。,\s]{0,4}(?:哪里|哪儿|哪家|便宜)|自己(?:能|可以|怎么)(?:换|修)|(?:换|修)(?:一下|一个|个)?[^，。,\s]{0,3}(?:大概|要|得)?多少钱/;
const PURCHASE_ZH = /买的|下单|你们|你家|贵店|本店|订单|收到|刚到|发来|寄来|保修|质保|退|换货/;
/** "不是在你们家买的": said outright, it wins over everything that sounds like ours. */
const NOT_FROM_US_ZH = /不是(?:在)?(?:你们|你家|这家|贵店|本店)(?:家|店)?(?:买|下单|拍)|不是(?:你们|你家|这家|贵店|本店)(?:家|店)?的(?:东西|货|商品|产品)?(?=$|[\s，。,！!？?])/;
/** Our own orders, which keep the reading whatever else is named: 订单号, 你们发的, 我在你们家买的, the delivery address changed to a place. */
const OURS_ZH = /订单|你们(?:发|寄)|在你们|你们家的|贵店|本店|(?:寄|送|派送|配送|放|改|转)(?:到|在|去)|(?:收货|收件|配送|送货)地址|(?:地址|address).{0,6}改(?:成|为|到)/;

/** Talking to us ("you", "your shop", 你们): a complaint that names another platform is still about us. */
export function addressesUs(text: string): boolean {
  return /\byou(?:r|rs|rself)?\b|\bu\b|你们|贵店|店家|商家|卖家/u.test(text.toLowerCase());
}

/**
 * A statement of what the buyer wants done ("I need to return something", "we'd like to cancel", 我要退货),
 * not a question about the rules ("do I need a receipt?", 退货要什么条件吗).
 */
export function statesRequest(text: string, lang: Lang): boolean {
  if (/[?？]|吗|么|呢/u.test(text)) return false;
  if (lang === 'zh') return /^[\s\p{P}]*我(?:想|要|需要|得)/u.test(text);
  return /^[\s\p{P}]*(?:i|we)(?:'d|'m| would| am)?\s+(?:really\s+|just\s+)?(?:need|want|wanna|gotta|have to|would like|like) to\b/iu.test(text);
}

/** Concepts that only after-sales talk fires. */
const SHOP_CONCEPTS = new Set(['k:product', 'k:payment', 'k:cancel', 'k:address', 'k:deliver_to', 'k:shipping_state', 'k:not_received', 'k:return', 'k:fault', 'k:anger', 'k:review', 'k:staff', 'k:human']);
const EN_SHOP =
  /\b(?:orders?|items?|parcels?|packages?|shop|store|seller|service|customers?|purchase\w*|bought|buy|speaker|case|shoes?|refund\w*|deliver\w*|ship\w*|sent|send|arriv\w*|colou?r|size|label|phone|battery|charg\w*|broke\w*|stuff|thing|money|eta|products?|charger|cable|you guys|your (?:company|shop|store|team|staff))\b/;
const ZH_SHOP = /你们|贵店|产品|东西|充电器|单|订|退|换|货|鞋|壳|音箱|店铺|商店|你们店|这家店|本店|服务|买|发|寄|送|到|快递|包裹|物流|客服|地址|址|改|拍|收|签|网购|质量|坏|消|钱/u;

/**
 * Whether a message says anything about a shop, an order or a product. Measured on the dev sets (clean
 * and noisy): all but ~6 of 1 301 after-sales sentences do; a third to a half of the out-of-scope messages
 * the classifier sent into an after-sales flow do not ("show me the best-seller book list" → return_item, a hotel search → change_address).
 */
export function mentionsShop(text: string, lang: Lang): boolean {
  const lower = text.toLowerCase();
  if (EN_SHOP.test(lower) || (lang === 'zh' && ZH_SHOP.test(text))) return true;
  return conceptFeatures(text, lang).some((k) => SHOP_CONCEPTS.has(k));
}

/** "get me a manager", 转人工: asking for a person (not only mentioning one). */
export function asksForPerson(text: string, lang: Lang): boolean {
  return EN_PERSON_REQUEST.test(text.toLowerCase()) || (lang === 'zh' && ZH_PERSON_REQUEST.test(text));
}

const EN_TRACKING_FAULT = /\b(?:tracking|track(?:ing)? (?:link|number|no|code|page|id)|link|url)\b[^.?!]{0,30}\b(?:doesn'?t work|not working|won'?t work|broken|dead|invalid)\b/;
/** A fault word that is about the item itself, which keeps the fault reading. */
const EN_PRODUCT_FAULT = /\b(?:speaker|case|shoes?|item|product|it'?s broken|arrived|damag\w*|cracked)\b/;

/** The words the lexicon spells out ("addr", "crack"; 取消, 地址): the spelling layers keep and aim at them. */
export function lexiconWords(lang: Lang): string[] {
  if (lang === 'zh') return [...new Set(ZH.flatMap(([, re]) => re.source.match(/\p{Script=Han}{2,}/gu) ?? []))];
  return [...new Set(EN.flatMap(([, re]) => re.source.match(/[a-z]{3,}/g) ?? []))];
}

const HUMAN_EN = EN.find(([name]) => name === 'human')![1];
const HUMAN_ZH = ZH.find(([name]) => name === 'human')![1];
/** Not wanting the bot: "no bot", "stop the bot", "rather not a robot", 不要机器人, 别自动回复. */
const BOT_REFUSED =
  /\b(?:don'?t|do not|no|not|stop|rather|instead of|enough|no more)\b[^.?!]{0,20}\b(?:bot|robot|machine|automated|ai)\b|(?:不要|别|不想|不用|受够)[^，。,]{0,6}(?:机器|自动回复|ai)/;
/** The bot named as the service ("support bot", 机器人客服, 智能客服): a bot, not a person. */
const BOT_SERVICE = /\b(?:(?:customer )?(?:service|support|help) ?(?:bot|robot)|(?:bot|robot|ai|automated) (?:support|service|agent|assistant|customer service))\b|机器人客服|客服机器人|智能客服|自动客服|ai客服|在线客服机器人/g;

/** Questions that state instead of asking: 这不是…吗, 难道, 凭什么, 还好意思, "isn't that …?", "how is that ok". */
const RHETORICAL = /这不是.{1,12}(?:吗|么)|难道|凭什么|还好意思|\b(?:isn'?t (?:that|this|it)|is (?:that|this) (?:a )?joke|how is (?:that|this) (?:ok|okay|fair|acceptable))\b/;

/** Concept names present in the text, as classifier features. */
export function conceptFeatures(text: string, lang: Lang): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const [name, re] of EN) if (re.test(lower)) found.push(`k:${name}`);
  if (lang === 'zh') for (const [name, re] of ZH) if (re.test(text) && !found.includes(`k:${name}`)) found.push(`k:${name}`);
  // Anger about staff without asking for anyone ("the agent hung up on me, outrageous", 客服态度太差)
  // is a complaint about service: the people are what is complained about, not who is wanted.
  const human = found.indexOf('k:human');
  const request = (): boolean => EN_PERSON_REQUEST.test(lower) || (lang === 'zh' && ZH_PERSON_REQUEST.test(text));
  if (human >= 0 && found.includes('k:anger') && !found.includes('k:bot') && !request()) found[human] = 'k:staff';
  // So is anger at the bot with no person named, asked for or preferred ("ur bot is useless", 机器人客服答非所问):
  // "bot is useless, human please" and 不要机器人 still want a person.
  const bot = found.indexOf('k:bot');
  if (bot >= 0 && found.includes('k:anger') && !request() && !BOT_REFUSED.test(lower)) {
    const rest = lower.replace(BOT_SERVICE, ' ');
    const person = HUMAN_EN.test(rest) || (lang === 'zh' && HUMAN_ZH.test(rest));
    if (!person) {
      found[bot] = 'k:staff';
      return found.filter((k, i) => k !== 'k:human' && (k !== 'k:staff' || found.indexOf('k:staff') === i));
    }
  }
  // A rhetorical question in anger ("这不是忽悠人吗", 凭什么, "isn't that false advertising?") asks nothing: no shop question.
  if (found.includes('k:anger') && RHETORICAL.test(lower)) {
    const presales = found.indexOf('k:presales');
    if (presales >= 0) found.splice(presales, 1);
  }
  // "The tracking link doesn't work" is about following the parcel, not a faulty item: a fault word
  // whose subject is the tracking link/number/page reads as a delivery-status question.
  const fault = found.indexOf('k:fault');
  if (fault >= 0 && lang === 'en' && EN_TRACKING_FAULT.test(lower) && !EN_PRODUCT_FAULT.test(lower)) found[fault] = 'k:where';
  return found;
}
