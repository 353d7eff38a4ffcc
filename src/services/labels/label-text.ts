/**
 * The printed words on a return label. They are buyer-facing, so they live in locales/{en,zh}/label.json
 * and reach the renderer as data; the renderer itself holds no sentences.
 */
import type { Lang } from '../../domain/lang.js';

export const LABEL_TEXT_KEYS = [
  'title',
  'rma',
  'from',
  'to',
  'order',
  'items',
  'postage',
  'prepaidBySeller',
  'buyerPaysPostage',
  'dropOffCode',
  'created',
  'instructions',
  /** Between a field name and its value (": " in English, "：" in Chinese). */
  'separator',
] as const;

export type LabelTextKey = (typeof LABEL_TEXT_KEYS)[number];

/** One string per key, already in the label's language. */
export type LabelText = Record<LabelTextKey, string>;

/**
 * Builds a LabelText from any translate function, e.g. i18next's `getFixedT(lang, 'label')`, so the
 * key list stays in one place.
 */
export function labelTextFrom(t: (key: LabelTextKey) => string): LabelText {
  return {
    title: t('title'),
    rma: t('rma'),
    from: t('from'),
    to: t('to'),
    order: t('order'),
    items: t('items'),
    postage: t('postage'),
    prepaidBySeller: t('prepaidBySeller'),
    buyerPaysPostage: t('buyerPaysPostage'),
    dropOffCode: t('dropOffCode'),
    created: t('created'),
    instructions: t('instructions'),
    separator: t('separator'),
  };
}

/** Supplies the label strings for a language; the service asks for 'en' when it cannot print Chinese. */
export type LabelTextProvider = (lang: Lang) => LabelText;
