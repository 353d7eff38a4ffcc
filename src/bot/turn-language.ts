/**
 * The buyer's language for a turn, decided in one place. The conversation keeps a language; an
 * explicit request ("English please", "说中文") pins it; otherwise what the buyer types moves it (a
 * clicked button's text is ours, so it does not); a new conversation starts from the channel's locale.
 * The apology of a failed turn is decided the same way, from whatever record could be read.
 */
import { localeToLang, type Lang } from '../domain/lang.js';
import { detectLanguage, languageRequest } from '../nlu/language.js';

export interface LanguageDecision {
  lang: Lang;
  /** The buyer asked for this language: detection no longer switches it. */
  pinned: boolean;
  /** This message was the request to switch (answered with `common:languageSwitched`). */
  switched: boolean;
  /**
   * What the switching message says besides the request ('' when nothing): the turn carries on with it
   * ("English pls, where is my order 112-…"); with nothing else, the flow under way asks its question again.
   */
  rest: string;
  /** The language the rest is written in, for the NLU ("用英文回复吧 我的快递到哪了": Chinese words, English replies). */
  restLang: Lang;
}

export interface LanguageCues {
  /** What the buyer wrote this turn ('' when nothing). */
  text: string;
  /** The buyer typed the text (a message that is not a clicked choice). */
  typed: boolean;
  /** The channel's locale (page or client), used when the conversation has no language yet. */
  localeHint?: string | undefined;
}

export function decideLanguage(cues: LanguageCues, stored?: { lang: Lang; langPinned: boolean }): LanguageDecision {
  const asked = cues.typed ? languageRequest(cues.text) : undefined;
  if (asked) return { lang: asked.lang, pinned: true, switched: true, rest: asked.rest, restLang: detectLanguage(asked.rest, asked.lang) };
  if (stored?.langPinned) return { lang: stored.lang, pinned: true, switched: false, rest: '', restLang: stored.lang };
  const base = stored?.lang ?? localeToLang(cues.localeHint) ?? 'en';
  const lang = cues.typed ? detectLanguage(cues.text, base) : base;
  return { lang, pinned: false, switched: false, rest: '', restLang: lang };
}
