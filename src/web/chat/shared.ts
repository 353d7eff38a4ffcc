/**
 * Pieces both browser scripts share: the launcher on the seller's page and the chat frame that runs
 * Web Chat. Pure (no document), so unit tests import them directly.
 */

export type Lang = 'en' | 'zh';

export interface Action {
  type: string;
  payload?: unknown;
}
export type Dispatch = (action: Action) => unknown;
export type StoreMiddleware = (api: { dispatch: Dispatch }) => (next: Dispatch) => Dispatch;

/** Messages between the launcher (host page) and the chat frame, both ways, via postMessage. */
export type FrameMessage =
  | { type: 'asa:buyerToken'; token: string | undefined }
  | { type: 'asa:productId'; id: string | undefined }
  | { type: 'asa:focus' }
  | { type: 'asa:close' }
  | { type: 'asa:ready' }
  /** Frame (loaded ahead on hover/focus) → launcher: Web Chat loads, the conversation waits for `asa:open`. */
  | { type: 'asa:waiting' }
  /** Launcher → frame: the buyer opened the chat; start the conversation. */
  | { type: 'asa:open' };

export function isFrameMessage(value: unknown): value is FrameMessage {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  const type = value.type;
  if (type === 'asa:buyerToken') return 'token' in value && (value.token === undefined || typeof value.token === 'string');
  if (type === 'asa:productId') return 'id' in value && (value.id === undefined || typeof value.id === 'string');
  return type === 'asa:focus' || type === 'asa:close' || type === 'asa:ready' || type === 'asa:waiting' || type === 'asa:open';
}

/** data-locale, then the page's <html lang>, then the browser; Chinese for any zh-*, else English. */
export function pickLang(...candidates: (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    if (!c) continue;
    const tag = c.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The bot ignores longer tokens; an empty one means none. */
const MAX_BUYER_TOKEN_CHARS = 4096;

export function cleanBuyerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const token = value.trim();
  return token.length > 0 && token.length <= MAX_BUYER_TOKEN_CHARS ? token : undefined;
}

/**
 * Web Chat store middleware: every activity the buyer posts (`DIRECT_LINE/POST_ACTIVITY`, typed
 * messages, suggested-action clicks, uploads) carries `channelData.buyerToken` while there is one.
 * Actions are immutable, so the activity is copied rather than changed.
 */
export function buyerTokenMiddleware(current: () => string | undefined): StoreMiddleware {
  return () => (next) => (action) => {
    const token = current();
    const payload = action.payload;
    if (action.type !== 'DIRECT_LINE/POST_ACTIVITY' || token === undefined || typeof payload !== 'object' || payload === null || !('activity' in payload)) {
      return next(action);
    }
    const activity = payload.activity;
    if (typeof activity !== 'object' || activity === null) return next(action);
    const channelData = 'channelData' in activity && typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
    return next({ ...action, payload: { ...payload, activity: { ...activity, channelData: { ...channelData, buyerToken: token } } } });
  };
}

/**
 * Every activity the buyer posts carries the page's product id (`data-product-id`) as
 * `channelData.pageProductId`, so "is this one waterproof?" is about the product on the page.
 */
export function pageProductMiddleware(current: () => string | undefined): StoreMiddleware {
  return () => (next) => (action) => {
    const id = current();
    const payload = action.payload;
    if (action.type !== 'DIRECT_LINE/POST_ACTIVITY' || id === undefined || typeof payload !== 'object' || payload === null || !('activity' in payload)) return next(action);
    const activity = payload.activity;
    if (typeof activity !== 'object' || activity === null) return next(action);
    const channelData = 'channelData' in activity && typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {};
    return next({ ...action, payload: { ...payload, activity: { ...activity, channelData: { ...channelData, pageProductId: id } } } });
  };
}

/** A product id the bot accepts (letters, digits, . _ -; at most 64). */
export const cleanProductId = (value: unknown): string | undefined => (typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value.trim()) ? value.trim() : undefined);

/** Only plain colours reach a style sheet (a data attribute or URL parameter must not inject CSS). */
export function safeColour(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^[a-z]{3,20}$/i.test(value) || /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/i.test(value)
    ? value
    : undefined;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : name.trim().slice(0, 2);
  return letters.toUpperCase();
}
