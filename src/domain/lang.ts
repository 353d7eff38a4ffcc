/** The buyer's languages and how they map to locales: every layer speaks of a language this way. */

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** BCP-47 locale used for number and date formatting. */
export const LOCALE_OF: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** "zh-CN", "zh-Hans", "zh" → zh; "en-US" → en; anything else → undefined. */
export function localeToLang(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const l = locale.toLowerCase();
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('en')) return 'en';
  return undefined;
}
