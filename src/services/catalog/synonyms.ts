/**
 * Other words for what a buyer asks, so a fact written one way answers a question worded another
 * ("how long does the battery last" → hours). Keys are stems (English) or words (Chinese); grown
 * from the failures of the development question set, by class, never for one question.
 */
import type { Lang } from '../../nlu/types.js';

export const SYNONYMS: Record<Lang, Record<string, string[]>> = {
  en: {},
  zh: {},
};
