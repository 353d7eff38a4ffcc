/**
 * i18next set up once per process from locales/{lng}/{ns}.json. Each turn takes its own fixed `t`
 * for the buyer's language (`getFixedT`), never `changeLanguage` on the shared instance, so concurrent
 * turns in different languages cannot leak into each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGS, type Lang } from '../domain/lang.js';

export const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

export type Resources = Record<Lang, Record<string, Record<string, unknown>>>;

/** Read every namespace file of every language. */
export function readLocales(dir = LOCALES_DIR): Resources {
  const out = {} as Resources;
  for (const lng of LANGS) {
    out[lng] = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json')).sort()) {
      out[lng][basename(file, '.json')] = JSON.parse(readFileSync(join(dir, lng, file), 'utf8')) as Record<string, unknown>;
    }
  }
  return out;
}

export interface I18nOptions {
  /** Values every sentence may interpolate (configuration the buyer is told, e.g. `lockMinutes`). */
  defaultVariables?: Record<string, string | number>;
}

export async function createI18n(resources: Resources = readLocales(), options: I18nOptions = {}): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGS],
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    // Web Chat and Teams render markdown/plain text and sanitise it themselves; HTML-escaping here
    // would show "&amp;" to buyers. Buyer-provided values are made inert by the renderer instead.
    interpolation: { escapeValue: false, ...(options.defaultVariables ? { defaultVariables: options.defaultVariables } : {}) },
    returnNull: false,
  });
  return instance;
}

export type { TFunction };
