/** Return labels: PDF rendering, signed expiring links and the HTTP handler that serves them. */
export {
  LocalReturnLabelService,
  LabelError,
  DEFAULT_CJK_FONTS,
  LABEL_DEFAULT_TTL_MS,
  RMA_PATTERN,
} from './local-return-label-service.js';
export type { LocalReturnLabelOptions, LabelLookup, LabelErrorCode } from './local-return-label-service.js';
export { createLabelRequestHandler } from './label-http-handler.js';
export { FileLabelStore } from './label-store.js';
export type { LabelStore } from './label-store.js';
export { RedisLabelStore } from './redis-label-store.js';
export type { RedisLabelStoreOptions } from './redis-label-store.js';
export type { LabelSource } from './label-http-handler.js';
export { renderLabelPdf, renderBarcodePng, addressLines, toLatinPrintable, LABEL_SIZE_PT } from './label-pdf.js';
export type { LabelPdfInput, LabelItem } from './label-pdf.js';
export { LABEL_TEXT_KEYS, labelTextFrom } from './label-text.js';
export type { LabelText, LabelTextKey, LabelTextProvider } from './label-text.js';
export { signLabelToken, verifyLabelToken, MAX_TOKEN_LENGTH } from './label-token.js';
export type { LabelTokenCheck } from './label-token.js';
