/**
 * The embed script (`<script src="https://assistant.shop/widget.js" data-locale="zh" ...>`): adds a
 * chat button and nothing else until the buyer clicks it, so the seller's page stays light. The
 * button and panel live in a shadow root and the chat runs in an iframe served by this app
 * (`/widget/chat`, src/web/chat/chat-frame.ts), so neither the shop's CSS nor its scripts' globals
 * reach Web Chat. On the first click the frame loads; it keeps the conversation in its own
 * sessionStorage so a reload resumes it, and this script remembers whether the chat was open.
 *
 * A shop whose buyer is signed in passes a signed buyer token (`data-buyer-token`, or later
 * `window.AfterSalesWidget.setBuyerToken()`); it rides on every activity the buyer sends as
 * `channelData.buyerToken`, so the bot knows their email without asking. It is handed to the frame by
 * postMessage (only to this app's origin) and never stored.
 *
 * Runs in the browser; built by src/web/launcher-build.ts, which injects `__WIDGET_CONFIG__`.
 */

import { cleanBuyerToken, cleanProductId, isFrameMessage, pickLang, safeColour, type FrameMessage, type Lang } from '../chat/shared.js';

// The helpers shops and tests know from this module.
export { buyerTokenMiddleware, cleanBuyerToken, pickLang, safeColour } from '../chat/shared.js';

interface WidgetStrings {
  open: string;
  close: string;
  title: string;
  subtitle: string;
}

/** Injected at build time from locales/{en,zh}/widget.json and the server's configuration. */
interface WidgetBuildConfig {
  strings: Record<Lang, WidgetStrings>;
  sellerName: string;
  accent: string;
  /** The chat frame's page, relative to the widget's base URL. */
  chatPath: string;
}

declare const __WIDGET_CONFIG__: WidgetBuildConfig;

/** What the host page may call (`window.AfterSalesWidget`). */
export interface AfterSalesWidgetApi {
  /** The signed-in buyer's token for every later message; `undefined` after signing out. */
  setBuyerToken(token: string | undefined): void;
  /** The product page the buyer is on (a shop's single-page app changes it without reloading). */
  setProductId(id: string | undefined): void;
}

declare global {
  interface Window {
    /** Set once so a page that includes the tag twice still gets one button. */
    __afterSalesWidget?: boolean;
    AfterSalesWidget?: AfterSalesWidgetApi;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function styles(accent: string): string {
  return `
:host{all:initial!important}
#launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;margin:0;padding:0;background:${accent};color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;display:flex;align-items:center;justify-content:center}
#launcher:focus-visible{outline:3px solid #111;outline-offset:3px}
#launcher svg{width:28px;height:28px}
#panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;box-sizing:border-box;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 120px);background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font:14px/1.4 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#111}
#panel[hidden]{display:none}
#head{background:${accent};color:#fff;padding:12px 14px;display:flex;align-items:center;gap:10px;flex:none}
#head div{flex:1;min-width:0}
#head strong{display:block;font-size:16px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#head span{display:block;font-size:12px;opacity:.9;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#close{background:transparent;border:0;color:#fff;font:24px/1 system-ui,sans-serif;cursor:pointer;padding:4px 8px;margin:0;border-radius:6px;min-width:44px;min-height:44px}
#close:focus-visible{outline:2px solid #fff}
#frame{flex:1;min-height:0;width:100%;border:0;display:block;background:#fff}
@media (max-width:480px){#panel{inset:0;right:0;bottom:0;width:100%;max-width:100%;height:100%;max-height:100%;border-radius:0}#panel:not([hidden])~#launcher{display:none}}
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
  const openKey = `asa-open:${base}`;
  let buyerToken = cleanBuyerToken(script.dataset.buyerToken);
  let productId = cleanProductId(script.dataset.productId);

  // Everything lives in a shadow root (the shop's selectors cannot reach into it; `:host{all:initial
  // !important}` stops what its rules on the host element would pass down) and the chat in an iframe.
  const host = el('div', { id: 'asa-widget' });
  const shadow = host.attachShadow({ mode: 'open' });
  const launcher = el('button', { id: 'launcher', type: 'button', 'aria-label': strings.open, 'aria-expanded': 'false', 'aria-controls': 'panel' });
  launcher.innerHTML = CHAT_ICON;
  const closeButton = el('button', { id: 'close', type: 'button', 'aria-label': strings.close, title: strings.close }, '×');
  const title = strings.title.replace('{{seller}}', seller);
  const frame = el('iframe', { id: 'frame', name: 'asa-chat', title, allow: 'clipboard-write' });
  const panel = el(
    'div',
    { id: 'panel', role: 'dialog', 'aria-label': title, hidden: '', lang: locale },
    el('div', { id: 'head' }, el('div', {}, el('strong', {}, title), el('span', {}, strings.subtitle)), closeButton),
    frame,
  );
  shadow.append(el('style', {}, styles(accent)), panel, launcher);
  document.body.append(host);

  const post = (message: FrameMessage) => frame.contentWindow?.postMessage(message, base);
  window.AfterSalesWidget = {
    setBuyerToken(token) {
      buyerToken = cleanBuyerToken(token);
      post({ type: 'asa:buyerToken', token: buyerToken });
    },
    setProductId(id) {
      productId = cleanProductId(id);
      post({ type: 'asa:productId', id: productId });
    },
  };
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== new URL(base).origin || !isFrameMessage(event.data)) return;
    if (event.data.type === 'asa:ready') {
      post({ type: 'asa:buyerToken', token: buyerToken });
      post({ type: 'asa:productId', id: productId });
      if (isOpen) post({ type: 'asa:focus' });
    }
    if (event.data.type === 'asa:close') setOpen(false);
    if (event.data.type === 'asa:waiting' && isOpen) post({ type: 'asa:open' });
  });

  let isOpen = false;
  const remember = (open: boolean) => {
    try {
      if (open) sessionStorage.setItem(openKey, '1');
      else sessionStorage.removeItem(openKey);
    } catch {
      // Private mode: the chat just won't reopen by itself after a reload.
    }
  };
  const setOpen = (open: boolean) => {
    isOpen = open;
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? strings.close : strings.open);
    remember(open);
    if (open) {
      load(false);
      post({ type: 'asa:open' });
      frame.focus();
      post({ type: 'asa:focus' });
    } else launcher.focus();
  };
  /**
   * Loads the chat frame. `ahead` (the buyer points at or tabs to the launcher): Web Chat downloads
   * and evaluates meanwhile, so the click only waits for the conversation; no conversation starts
   * until the chat is opened.
   */
  const load = (ahead: boolean) => {
    if (frame.src) return;
    const query = new URLSearchParams({ lang, seller, accent, ...(ahead ? { warm: '1' } : {}) });
    frame.src = `${base}${config.chatPath}?${query.toString()}`;
  };

  for (const intent of ['pointerenter', 'pointerdown', 'focus'] as const) launcher.addEventListener(intent, () => load(true));
  launcher.addEventListener('click', () => setOpen(!isOpen));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });

  // A reload while the chat was open brings it back open, on the same conversation.
  let reopen = false;
  try {
    reopen = sessionStorage.getItem(openKey) === '1';
  } catch {
    reopen = false;
  }
  if (reopen) setOpen(true);
}

// Only in a page (a unit test imports the helpers above without a document).
if (typeof document !== 'undefined') main();
