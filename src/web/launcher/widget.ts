/**
 * The embed script (`<script src="https://assistant.shop/widget.js" data-locale="zh" ...>`): adds a
 * chat button and nothing else until the buyer clicks it, so the seller's page stays light. On the
 * first click it fetches Web Chat from this server (no CDN) and a Direct Line token scoped to one
 * conversation (the channel secret never reaches the page), and keeps both in sessionStorage so a
 * reload resumes the same conversation.
 *
 * A shop whose buyer is signed in passes a signed buyer token (`data-buyer-token`, or later
 * `window.AfterSalesWidget.setBuyerToken()`); it rides on every activity the buyer sends as
 * `channelData.buyerToken`, so the bot knows their email without asking. It is never stored.
 *
 * Runs in the browser; built by src/web/launcher-build.ts, which injects `__WIDGET_CONFIG__`.
 */

type Lang = 'en' | 'zh';

interface WidgetStrings {
  open: string;
  close: string;
  title: string;
  subtitle: string;
  connecting: string;
  failed: string;
  retry: string;
  photoRejected: string;
}

/** Injected at build time from locales/{en,zh}/widget.json and the server's configuration. */
interface WidgetBuildConfig {
  strings: Record<Lang, WidgetStrings>;
  sellerName: string;
  accent: string;
  webChatPath: string;
  maxPhotoBytes: number;
}

declare const __WIDGET_CONFIG__: WidgetBuildConfig;

interface Action {
  type: string;
  payload?: unknown;
}
type Dispatch = (action: Action) => unknown;
type StoreMiddleware = (api: { dispatch: Dispatch }) => (next: Dispatch) => Dispatch;

/** The parts of the `window.WebChat` bundle API this script uses. */
interface WebChatApi {
  createDirectLine(options: {
    domain: string;
    token: string;
    conversationId: string;
    webSocket: boolean;
    conversationStartProperties: { locale: string };
  }): unknown;
  createStore(initialState: Record<string, never>, ...middleware: StoreMiddleware[]): unknown;
  renderWebChat(props: Record<string, unknown>, element: HTMLElement): void;
}

/** What the host page may call (`window.AfterSalesWidget`). */
export interface AfterSalesWidgetApi {
  /** The signed-in buyer's token for every later message; `undefined` after signing out. */
  setBuyerToken(token: string | undefined): void;
  /** The product page the buyer is on (a shop's single-page app changes it without reloading). */
  setProductId(id: string | undefined): void;
}

declare global {
  interface Window {
    WebChat?: WebChatApi;
    /** Set once so a page that includes the tag twice still gets one button. */
    __afterSalesWidget?: boolean;
    AfterSalesWidget?: AfterSalesWidgetApi;
  }
}

interface Session {
  conversationId: string;
  token: string;
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
  streamAvailable: boolean;
}

interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  userId: string;
  streamAvailable?: boolean;
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const REFRESH_EVERY_MS = 10 * 60 * 1000;

function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'conversationId' in value &&
    typeof value.conversationId === 'string' &&
    'token' in value &&
    typeof value.token === 'string' &&
    'expires_in' in value &&
    typeof value.expires_in === 'number' &&
    'userId' in value &&
    typeof value.userId === 'string'
  );
}

function isSession(value: unknown): value is Session {
  return (
    typeof value === 'object' &&
    value !== null &&
    'conversationId' in value &&
    typeof value.conversationId === 'string' &&
    'token' in value &&
    typeof value.token === 'string' &&
    'userId' in value &&
    typeof value.userId === 'string' &&
    'expiresAt' in value &&
    typeof value.expiresAt === 'number'
  );
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

/** Only plain colours reach the style sheet (a data attribute must not inject CSS). */
export function safeColour(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^[a-z]{3,20}$/i.test(value) || /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/i.test(value)
    ? value
    : undefined;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : name.trim().slice(0, 2);
  return letters.toUpperCase();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function styles(accent: string): string {
  return `
#asa-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;background:${accent};color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}
#asa-launcher:focus-visible{outline:3px solid #111;outline-offset:3px}
#asa-launcher svg{width:28px;height:28px}
#asa-panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 120px);background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
#asa-panel[hidden]{display:none}
#asa-head{background:${accent};color:#fff;padding:12px 14px;display:flex;align-items:center;gap:10px}
#asa-head div{flex:1;min-width:0}
#asa-head strong{display:block;font-size:16px}
#asa-head span{display:block;font-size:12px;opacity:.9}
#asa-close{background:transparent;border:0;color:#fff;font-size:24px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}
#asa-close:focus-visible{outline:2px solid #fff}
#asa-body{flex:1;min-height:0;position:relative}
#asa-webchat{height:100%}
#asa-status{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:12px;color:#333;background:#fff;font-size:14px;text-align:center;padding:20px}
#asa-status[hidden]{display:none}
#asa-status button{background:${accent};color:#fff;border:0;border-radius:6px;padding:8px 16px;cursor:pointer;font-size:14px}
@media (max-width:480px){#asa-panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}
`;
}

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

function main(): void {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || window.__afterSalesWidget) return;
  window.__afterSalesWidget = true;

  const config = __WIDGET_CONFIG__;
  const base = new URL('./', script.src).href.replace(/\/$/, '');
  const lang = pickLang(script.dataset.locale, document.documentElement.lang, ...navigator.languages);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const strings = config.strings[lang];
  const seller = script.dataset.sellerName?.trim() || config.sellerName;
  const accent = safeColour(script.dataset.accent) ?? config.accent;
  const storageKey = `asa-chat:${base}`;
  let buyerToken = cleanBuyerToken(script.dataset.buyerToken);
  let productId = cleanProductId(script.dataset.productId);
  window.AfterSalesWidget = {
    setBuyerToken(token) {
      buyerToken = cleanBuyerToken(token);
    },
    setProductId(id) {
      productId = cleanProductId(id);
    },
  };

  const store = {
    read(): (Session & { open?: boolean }) | undefined {
      try {
        const value: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
        return isSession(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    write(value: Session & { open?: boolean }): void {
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(value));
      } catch {
        // Private mode or full storage: the chat still works, it just won't survive a reload.
      }
    },
    setOpen(open: boolean): void {
      const current = store.read();
      if (current) store.write({ ...current, open });
    },
  };

  const styleEl = el('style', {}, styles(accent));
  const launcher = el('button', { id: 'asa-launcher', type: 'button', 'aria-label': strings.open, 'aria-expanded': 'false', 'aria-controls': 'asa-panel', title: strings.open });
  launcher.innerHTML = CHAT_ICON;
  const closeButton = el('button', { id: 'asa-close', type: 'button', 'aria-label': strings.close, title: strings.close }, '×');
  const title = strings.title.replace('{{seller}}', seller);
  const statusText = el('p', {}, strings.connecting);
  const retryButton = el('button', { type: 'button', hidden: '' }, strings.retry);
  const status = el('div', { id: 'asa-status', role: 'status' }, statusText, retryButton);
  const webChatEl = el('div', { id: 'asa-webchat' });
  const panel = el(
    'div',
    { id: 'asa-panel', role: 'dialog', 'aria-label': title, hidden: '', lang: locale },
    el('div', { id: 'asa-head' }, el('div', {}, el('strong', {}, title), el('span', {}, strings.subtitle)), closeButton),
    el('div', { id: 'asa-body' }, webChatEl, status),
  );
  document.head.append(styleEl);
  document.body.append(panel, launcher);

  let started = false;
  let refreshTimer: number | undefined;

  const api = async (path: string, init: { token?: string; body?: unknown } = {}): Promise<TokenResponse> => {
    const res = await fetch(`${base}/v3/directline${path}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: JSON.stringify(init.body ?? {}),
    });
    if (!res.ok) throw new Error(`Direct Line ${path}: ${res.status}`);
    const body: unknown = await res.json();
    if (!isTokenResponse(body)) throw new Error(`Direct Line ${path}: unexpected answer`);
    return body;
  };

  const toSession = (r: TokenResponse): Session => ({
    conversationId: r.conversationId,
    token: r.token,
    userId: r.userId,
    expiresAt: Date.now() + r.expires_in * 1000,
    streamAvailable: r.streamAvailable !== false,
  });

  /** Resume the stored conversation (fresh token) or start a new one. */
  const session = async (): Promise<Session> => {
    const stored = store.read();
    if (stored && stored.expiresAt > Date.now() + 5_000) {
      try {
        const refreshed = toSession(await api('/tokens/refresh', { token: stored.token }));
        if (refreshed.conversationId === stored.conversationId) return refreshed;
      } catch {
        // Expired or revoked: fall through to a new conversation.
      }
    }
    return toSession(await api('/tokens/generate', { body: { locale } }));
  };

  const loadWebChat = (): Promise<WebChatApi> =>
    new Promise((resolve, reject) => {
      if (window.WebChat) return resolve(window.WebChat);
      const tag = el('script', { src: `${base}${config.webChatPath}`, async: '' });
      tag.addEventListener('load', () => (window.WebChat ? resolve(window.WebChat) : reject(new Error('Web Chat did not load'))));
      tag.addEventListener('error', () => reject(new Error('Web Chat did not load')));
      document.head.append(tag);
    });

  /** Refuses photos Web Chat would upload that the server will reject anyway, and says why. */
  const photoGuard: StoreMiddleware =
    ({ dispatch }) =>
    (next) =>
    (action) => {
      if (action.type !== 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS') return next(action);
      const payload = action.payload;
      const list = typeof payload === 'object' && payload !== null && 'attachments' in payload && Array.isArray(payload.attachments) ? payload.attachments : [];
      const accepted = list.filter((a: unknown) => {
        const blob = typeof a === 'object' && a !== null && 'blob' in a ? a.blob : undefined;
        return blob instanceof Blob && PHOTO_TYPES.includes(blob.type) && blob.size <= config.maxPhotoBytes;
      });
      if (accepted.length < list.length) {
        dispatch({ type: 'WEB_CHAT/SET_NOTIFICATION', payload: { id: 'asa-photo', level: 'error', message: strings.photoRejected } });
      }
      return next({ ...action, payload: { ...(typeof payload === 'object' ? payload : {}), attachments: accepted } });
    };

  const showStatus = (text: string | undefined, canRetry = false) => {
    status.hidden = text === undefined;
    statusText.textContent = text ?? '';
    retryButton.hidden = !canRetry;
  };

  const start = async (): Promise<void> => {
    started = true;
    showStatus(strings.connecting);
    try {
      const [webChat, s] = await Promise.all([loadWebChat(), session()]);
      store.write({ ...s, open: true });
      const directLine = webChat.createDirectLine({
        domain: `${base}/v3/directline`,
        token: s.token,
        conversationId: s.conversationId,
        webSocket: s.streamAvailable,
        conversationStartProperties: { locale },
      });
      webChat.renderWebChat(
        {
          directLine,
          store: webChat.createStore({}, photoGuard, buyerTokenMiddleware(() => buyerToken), pageProductMiddleware(() => productId)),
          locale,
          styleOptions: {
            accent,
            botAvatarInitials: initials(seller),
            hideUploadButton: false,
            uploadAccept: PHOTO_TYPES.join(','),
            uploadMultiple: false,
            sendAttachmentOn: 'attach',
            suggestedActionLayout: 'flow',
            rootHeight: '100%',
          },
        },
        webChatEl,
      );
      showStatus(undefined);
      // Keep the stored token fresh so a reload later in a long chat can still resume it.
      refreshTimer = window.setInterval(() => {
        const current = store.read();
        if (!current) return;
        api('/tokens/refresh', { token: current.token })
          .then((r) => store.write({ ...current, ...toSession(r) }))
          .catch(() => undefined);
      }, REFRESH_EVERY_MS);
    } catch {
      started = false;
      showStatus(strings.failed, true);
    }
  };

  let isOpen = false;
  const setOpen = (open: boolean) => {
    isOpen = open;
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    store.setOpen(open);
    if (open && !started) void start();
    if (!open) launcher.focus();
  };

  launcher.addEventListener('click', () => setOpen(!isOpen));
  closeButton.addEventListener('click', () => setOpen(false));
  retryButton.addEventListener('click', () => void start());
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });
  window.addEventListener('pagehide', () => {
    if (refreshTimer !== undefined) window.clearInterval(refreshTimer);
  });

  // A reload while the chat was open brings it back open, on the same conversation.
  if (store.read()?.open) setOpen(true);
}

// Only in a page (a unit test imports the helpers above without a document).
if (typeof document !== 'undefined') main();
