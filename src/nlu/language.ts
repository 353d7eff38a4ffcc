/**
 * Per-message language detection and explicit switch requests. Any Han character makes a message
 * Chinese ("我的order呢" is written by a Chinese reader); otherwise a Latin word means English; a message
 * with neither (an order number, an email address, a postcode, "?", an emoji) keeps the conversation's language.
 */
import type { Lang } from '../domain/lang.js';

const HAN = /\p{Script=Han}/u;
/** Emails, links and codes with digits (order ids, postcodes like SW1A 1AA, RMA numbers) say nothing about language. */
const NEUTRAL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|\b[\p{L}\d-]*\d[\p{L}\d-]*\b/gu;

/** The start of a message is enough to tell its language, and keeps the cost flat for huge inputs. */
const SAMPLE_CHARS = 500;

/**
 * Latin-letter acknowledgements Chinese buyers type as often as English ones ("ok", "ok 3q", "kk", "thx", "haha"): a
 * message made only of them says nothing about its language, so the conversation's is kept.
 */
const CHAT_LATIN = /^(?:ok+|okay|okey|kk+|k|thx|tks|tx|ty|lol|ha(?:ha)+|h{3,}|emm+|hmm+|xd|pls|plz)$/i;

export function detectLanguage(text: string, fallback: Lang): Lang {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (HAN.test(sample)) return 'zh';
  const words = sample.replace(NEUTRAL, ' ').match(/\p{Script=Latin}{2,}/gu) ?? [];
  if (words.length > 0 && !words.every((w) => CHAT_LATIN.test(w))) return 'en';
  return fallback;
}

/** Language names as buyers type them, common slips included ("englsh", "chinse"). */
const NAMES: Record<Lang, { en: RegExp; zh: RegExp }> = {
  en: { en: /\b(?:english|englsh|engish|englis|inglish|engl)\b/, zh: /英文|英语|英語/u },
  zh: { en: /\b(?:chinese|chinse|chineese|chines|mandarin|putonghua)\b/, zh: /中文|汉语|漢語|普通话|國語|国语|华语|汉字|中国话/u },
};
/**
 * About a thing in a language, not about the conversation: "is the manual in English?", "中文说明书",
 * "translate this into Chinese" (a task the shop does not do: out of scope, not a switch).
 */
const ABOUT_A_THING =
  /\b(?:manual|instructions?|label|subtitles?|keyboard|packaging|box|version|edition|book|dictionary|translat\w*|course|lessons?|teacher|tutor|learn\w*|menu on the|voice prompts?|settings on|address\w*|name on)\b|说明书|说明|包装|标签|字幕|键盘|版本|书|字典|词典|翻译|课|老师|学习|学|语音提示|界面|地址|姓名|名字/iu;

/** "Reply in X", "switch to X", "X please", "do you speak X"; 用/说/换成 X, X可以吗. `§` stands for the language name. */
const EN_ASK = [
  /\b(?:speak|speaking|talk|talking|write|writing|reply|replies|respond|answer|switch|change|swap|use|chat|communicate|continue|carry on|say|type|text|message|explain|help me|do this|go on|converse|tell me)\b[^.?!]{0,30}?\b(?:in|to|into|with)\s+§/,
  /\b(?:speak|talk|use|know|understand|read|write)\s+§\b/,
  /^[\s\p{P}\p{S}]*(?:(?:in|only|just)\s+)?§(?:\s+(?:please|pls|plz|only|instead|ok|okay)\b)*[\s\p{P}\p{S}]*$/u,
  /\bin\s+§\s+(?:please|pls|plz|instead)\b/,
  /\b§\s+(?:please|pls|plz)\b/,
  // Switching back, casually: "back to english", "ok english again pls", "can we go back to chinese".
  /\b(?:(?:go|going|switch|switching|change|come|get|move) )?back (?:to|in(?:to)?)\s+§/,
  /^[\s\p{P}\p{S}]*(?:(?:ok|okay|k|fine|nvm|never ?mind|alright|right|so|actually|sorry|um+|hmm+)[\s\p{P}\p{S}]+)*(?:(?:in|just)\s+)?§\s+again\b/u,
];
const ZH_ASK = [
  /(?:说|讲|用|换成|换到|换回|切换|切到|切回|改成|改用|改回|转成|回复|回答|回我|聊|沟通|交流|打字|写|发)[^。？！?!，,]{0,6}?§/u,
  /^[\s\p{P}\p{S}]*§(?:吧|好吗|可以吗|行吗|行不|可以不|好不好|呗|谢谢|，?\s*谢谢)?[\s\p{P}\p{S}]*$/u,
  /会§吗|懂§吗|能§吗|§可以吗|§行吗|§好吗|§可以不/u,
  // Switching back, casually: 算了还是中文吧, 还是用英文吧, 算了 用中文.
  /^[\s\p{P}\p{S}]*(?:算了|还是|那|那就|要不|要不然|好吧|行吧)[\s\p{P}\p{S}]*(?:还是|就)?(?:用|说|讲|打)?§(?:吧|好了|算了|好吗|可以吗|行吗|呗|啦)?[\s\p{P}\p{S}]*$/u,
];
/** "I can't read Chinese", "my English isn't great", 看不懂英文, 英文不好: the buyer wants the other language. */
const EN_UNABLE = [
  /\b(?:can'?t|cannot|can not|don'?t|do not|unable to|not able to|hard to|struggle to|difficult to|barely|hardly)\s+(?:really\s+|quite\s+|well\s+)?(?:read|understand|speak|write|get)\s+(?:much\s+|any\s+|the\s+)?§/,
  /\bmy\s+§\s+(?:\w+\s+){0,2}(?:is|isn'?t|is not|not|ain'?t|'?s)\s+(?:\w+\s+){0,2}(?:bad|poor|great|good|limited|weak|terrible|rusty)\b/,
  /\b(?:not|no)\s+(?:a\s+)?(?:native\s+)?§\s+speaker\b/,
];
const ZH_UNABLE = [/(?:看不懂|不懂|不会|听不懂|读不懂|不太懂|不太会|不认识|不熟悉|不太看得懂|看不太懂)[^。？！?!，,]{0,4}§/u, /§(?:水平)?(?:不好|不太好|很差|太差|不行|不太行|一般|看不懂)/u];

const OTHER: Record<Lang, Lang> = { en: 'zh', zh: 'en' };

function withName(patterns: RegExp[], name: RegExp): RegExp[] {
  return patterns.map((p) => new RegExp(p.source.replaceAll('§', `(?:${name.source})`), p.flags));
}

const ASKS = (['en', 'zh'] as const).map((lang) => ({
  lang,
  ask: [...withName(EN_ASK, NAMES[lang].en), ...withName(ZH_ASK, NAMES[lang].en), ...withName(EN_ASK, NAMES[lang].zh), ...withName(ZH_ASK, NAMES[lang].zh)],
  unable: [...withName(EN_UNABLE, NAMES[lang].en), ...withName(ZH_UNABLE, NAMES[lang].en), ...withName(EN_UNABLE, NAMES[lang].zh), ...withName(ZH_UNABLE, NAMES[lang].zh)],
}));

/**
 * "English please", "can you answer in English? my Chinese reading isn't great", "不好意思，可以用中文跟我说吗？",
 * "I can't read Chinese": the buyer asks for a language, in any wording and either script. An explicit
 * stated difficulty is checked first ("I don't speak English" is not "speak English"; "answer in English, my
 * Chinese isn't great" agrees either way); questions
 * about a thing in a language (a manual, a label, a translation) are not requests.
 */
export function requestedLanguage(text: string): Lang | undefined {
  if (text.length > 160) return undefined;
  const t = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  if (!ASKS.some(({ lang }) => NAMES[lang].en.test(t) || NAMES[lang].zh.test(t))) return undefined;
  if (ABOUT_A_THING.test(t)) return undefined;
  // A stated difficulty first: "I don't speak English" must not read as "speak English".
  for (const { lang, unable } of ASKS) if (unable.some((re) => re.test(t))) return OTHER[lang];
  for (const { lang, ask } of ASKS) if (ask.some((re) => re.test(t))) return lang;
  return undefined;
}

/** Clause breaks: sentence punctuation (a "." only before a space or the end, not inside an email or id), and a space between Chinese phrases. */
const CLAUSE_BREAK = /[!?;,，。！？；、\n]+|\.(?=\s|$)|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;
/** Words around a request that say nothing else ("sorry,", "hi", "谢谢", "用英文回复吧" minus the language). */
const FILLER =
  /^(?:(?:hi|hello|hey|hiya|sorry|excuse me|please|pls|plz|thanks|thank you|thx|ok|okay|hmm+|um+|uh+|so|and|also|then|now|instead|reply|respond|answer|too|you|can you|could you|would you|just|only|yes|yeah|no|not|lol)\b|不好意思|对不起|抱歉|你好|您好|嗨|哈喽|请|麻烦|谢谢|多谢|回复|回答|说|讲|聊|好吗|可以吗|行吗|吧|呢|啊|哦|呀|嗯|好的|好|然后|另外|还有|算了|还是|[\s\p{P}\p{S}])+$/iu;

/** Enough to be a message of its own: a number (an order id, a postcode), an email, two Chinese characters or two words. */
const SAYS = /\d|@|\p{Script=Han}{2}|\p{L}+\s+\p{L}+/u;

interface LanguageRequest {
  lang: Lang;
  /** What the message says besides the request ('' when nothing): "where is my order 112-…" in "English pls, where is my order 112-…". */
  rest: string;
}

/** Words left around a request once its own words are cut out ("can you", "i", "well", 能不能, 啊我): not a message. */
const LEFTOVER_FILLER =
  /^(?:(?:(?:i|we|me|us|u|you|can u|can you|could u|could you|would you|with|to|can we|could we|may i|well|very well|at all|much|really|so|because|cause|cuz|since|as|coz|bc|but|sorry)\b|能不能|可不可以|可以|行不行|好不好|一下|跟|和|同|给|对|我们|我|你们|你|说|讲|聊|交流|沟通|回复|回答|回|话|吗|吧|呢|啊|呀|哦|嘛|能|不|好|行)[\s\p{P}\p{S}]*)+$/iu;
/** Words that open a leftover without meaning anything ("pls where is my order" → "where is my order", "回复我的快递…"). */
const LEADING_FILLER =
  /^(?:(?:please|pls|plz|ok|okay|well|so|and|also|then|now|instead|because|cause|cuz|since|as|but|thanks|thank you|thx|i mean)\b[\s\p{P}\p{S}]*|(?:请|麻烦|回复|回答|回|说|讲|聊|吧|呢|啊|哦|呀|嗯|好吗|可以吗|行吗|谢谢|因为|所以|然后|另外|还有)[\s\p{P}\p{S}]*)+/iu;

/**
 * Who the language is for, said beside the request: a reason, not a message of its own ("我同事要看", "for my
 * flatmate", "my colleague needs to read it", "给我朋友看的").
 */
const ZH_PEOPLE = '妈妈|妈|爸爸|爸|父母|老公|老婆|同事|朋友|室友|舍友|孩子|儿子|女儿|奶奶|爷爷|外婆|外公|家人|老板|对象|男朋友|女朋友|同学|邻居';
const LANGUAGE_FOR = new RegExp(
  String.raw`^(?:(?:it'?s |this is |that'?s )?for (?:my|a|our|the) [\p{L}-]+(?: to read)?|(?:my|our|a) [\p{L}-]+ (?:needs?|wants?|has|have) to (?:read|see|understand) (?:it|this|that)|(?:my|our|a) [\p{L}-]+ (?:is|will be) reading (?:it|this)|(?:我|我们)?(?:的)?(?:${ZH_PEOPLE})(?:要看|要读|在看|看不懂(?:中文|英文)?|不懂(?:中文|英文)|不会(?:中文|英文))?(?:的)?|(?:给|帮)(?:我)?(?:的)?(?:${ZH_PEOPLE})看(?:的)?)[\s\p{P}]*$`,
  'iu',
);

/** Every pattern that can make a request (the stated difficulty ones included): their spans are cut out of the message. */
const REQUEST_SPANS = ASKS.flatMap(({ ask, unable }) => [...unable, ...ask].map((re) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));

/**
 * What a request clause says besides the request, when written without punctuation ("can you speak chinese i
 * dont read english well my order is 112-…", "用英文说吧我看不懂中文订单…"): the request's own words cut out, the
 * pieces between them kept when they say something. Positions are those of the lower-cased NFKC text, which for
 * the buyer's text (no ligatures in practice) are the original's.
 */
function besidesRequest(clause: string): string[] {
  const t = clause.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  if (t.length !== clause.length) return [];
  const cut = new Array<boolean>(t.length).fill(false);
  for (const re of REQUEST_SPANS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      // A pattern anchored on the whole clause ("English please") leaves nothing.
      for (let i = m.index; i < m.index + m[0].length; i++) cut[i] = true;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  const pieces: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length && !cut[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      pieces.push(clause.slice(start, i));
      start = -1;
    }
  }
  return pieces.map((p) => p.trim().replace(LEADING_FILLER, '').trim()).filter((p) => p && !FILLER.test(p) && !LEFTOVER_FILLER.test(p) && !LANGUAGE_FOR.test(p) && SAYS.test(p));
}

/**
 * A language request and the rest of its message, so the turn can switch and carry on: the clauses that
 * are not requests (nor filler) are the rest, and so is what a request clause says besides the request
 * ("用英文回复吧 我的快递到哪了" → "我的快递到哪了"; "chinese please my order hasnt arrived" → "my order hasnt arrived").
 */
export function languageRequest(text: string): LanguageRequest | undefined {
  if (text.length > 600) return undefined;
  const whole = requestedLanguage(text);
  const clauses = text.split(CLAUSE_BREAK).map((c) => c.trim()).filter(Boolean);
  const asks = clauses.map((c) => requestedLanguage(c));
  const lang = whole ?? asks.find((l): l is Lang => l !== undefined);
  if (!lang) return undefined;
  // No clause is a request on its own (it spans a comma): what the whole message says besides it.
  if (!asks.some(Boolean)) return { lang, rest: besidesRequest(text).join(', ') };
  const rest = clauses.flatMap((c, i) => (asks[i] !== undefined ? besidesRequest(c) : !FILLER.test(c) && !LANGUAGE_FOR.test(c) && SAYS.test(c) ? [c] : [])).join(', ');
  return { lang, rest };
}
