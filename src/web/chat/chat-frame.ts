/**
 * The chat itself, inside an iframe the launcher opens (`/widget/chat?lang=…`): the shop's style
 * sheets cannot reach it and ours cannot reach the shop. The boot script (boot.ts) has already
 * asked for the Direct Line session (kept in sessionStorage, so a reload resumes it) and checked
 * whether a WebSocket gets through; without one Web Chat polls Direct Line instead (proxies that
 * block WebSockets). Renders Web Chat and talks to the launcher only by postMessage.
 *
 * Built by src/web/chat-build.ts, which injects `__CHAT_CONFIG__`.
 */
import { buyerTokenMiddleware, cleanBuyerToken, cleanProductId, pageProductMiddleware, initials, isFrameMessage, safeColour, type FrameMessage, type StoreMiddleware } from './shared.js';
import { bootChat, directLineApi, field, frameLocale, readSession, toSession, writeSession } from './boot.js';
import { createDirectLine, createStore, renderWebChat } from './webchat-parts.js';
import { agentAvatarMiddleware, agentGroupMiddleware, agentLabel, agentStatusMiddleware } from './agent-author.js';
import type { ChatFrameConfig } from '../chat-build.js';

declare const __CHAT_CONFIG__: ChatFrameConfig;

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const REFRESH_EVERY_MS = 10 * 60 * 1000;
/** An agent's avatar: a person, set apart from the shop's (accent-coloured) bot avatar. */
const AGENT_AVATAR_COLOUR = '#6d28d9';

function main(): void {
  performance.mark('asa:webchat-evaluated');
  const config = __CHAT_CONFIG__;
  const params = new URLSearchParams(location.search);
  const locale = frameLocale();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const strings = config.strings[lang];
  const seller = params.get('seller')?.trim().slice(0, 80) || config.sellerName;
  const accent = safeColour(params.get('accent')) ?? config.accent;
  const base = location.origin;
  document.documentElement.lang = locale;

  let buyerToken: string | undefined;
  let productId: string | undefined;
  const toParent = (message: FrameMessage) => {
    if (window.parent !== window) window.parent.postMessage(message, '*');
  };

  const root = document.getElementById('asa-webchat');
  const status = document.getElementById('asa-status');
  const statusText = document.getElementById('asa-status-text');
  const retry = document.getElementById('asa-retry');
  if (!root || !status || !statusText || !retry) return;
  retry.textContent = strings.retry;

  const showStatus = (text: string | undefined, canRetry = false) => {
    status.hidden = text === undefined;
    statusText.textContent = text ?? '';
    retry.hidden = !canRetry;
  };

  /** Refuses photos Web Chat would upload that the server will reject anyway, and says why. */
  const photoGuard: StoreMiddleware =
    ({ dispatch }) =>
    (next) =>
    (action) => {
      if (action.type !== 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS') return next(action);
      const payload = action.payload;
      const list = field(payload, 'attachments');
      const all: unknown[] = Array.isArray(list) ? list : [];
      const accepted = all.filter((a) => {
        const blob = field(a, 'blob');
        return blob instanceof Blob && PHOTO_TYPES.includes(blob.type) && blob.size <= config.maxPhotoBytes;
      });
      if (accepted.length < all.length) {
        dispatch({ type: 'WEB_CHAT/SET_NOTIFICATION', payload: { id: 'asa-photo', level: 'error', message: strings.photoRejected } });
      }
      return next({ ...action, payload: { ...(typeof payload === 'object' ? payload : {}), attachments: accepted } });
    };

  const sendBox = (): HTMLElement | null => root.querySelector<HTMLElement>('[data-id="webchat-sendbox-input"]');
  let focusWanted = false;
  const focusSendBox = () => {
    const box = sendBox();
    if (box) {
      box.focus();
      focusWanted = false;
    } else focusWanted = true;
  };

  // Web Chat names some icon buttons only by `title`: give every such button an explicit name.
  const nameButtons = () => {
    for (const button of root.querySelectorAll<HTMLElement>('button[title]:not([aria-label])')) {
      const title = button.getAttribute('title');
      if (title) button.setAttribute('aria-label', title);
    }
    if (focusWanted) focusSendBox();
  };
  new MutationObserver(nameButtons).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['title'] });

  let refreshTimer: number | undefined;
  const start = async (): Promise<void> => {
    showStatus(strings.connecting);
    try {
      // The boot script started this while Web Chat was loading; "Try again" starts afresh.
      const boot = window.__asaBoot ?? bootChat();
      window.__asaBoot = undefined;
      const { session: s, webSocket, streamUrl } = await boot;
      const directLine = createDirectLine({
        domain: `${base}/v3/directline`,
        token: s.token,
        conversationId: s.conversationId,
        webSocket,
        ...(webSocket ? (streamUrl ? { streamUrl } : {}) : { pollingInterval: 1000 }),
        conversationStartProperties: { locale },
      });
      renderWebChat(
        {
          directLine,
          store: createStore(photoGuard, buyerTokenMiddleware(() => buyerToken), pageProductMiddleware(() => productId)),
          locale,
          groupActivitiesMiddleware: agentGroupMiddleware,
          avatarMiddleware: agentAvatarMiddleware(AGENT_AVATAR_COLOUR),
          activityStatusMiddleware: agentStatusMiddleware(agentLabel(strings.agent)),
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
        root,
      );
      performance.mark('asa:webchat-rendered');
      showStatus(undefined);
      // Keep the stored token fresh so a reload later in a long chat can still resume it.
      refreshTimer = window.setInterval(() => {
        const current = readSession();
        if (!current) return;
        directLineApi('POST', '/tokens/refresh', { token: current.token })
          .then((r) => writeSession(toSession(r, current)))
          .catch(() => undefined);
      }, REFRESH_EVERY_MS);
    } catch {
      showStatus(strings.failed, true);
    }
  };

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !isFrameMessage(event.data)) return;
    const message = event.data;
    if (message.type === 'asa:buyerToken') buyerToken = cleanBuyerToken(message.token);
    if (message.type === 'asa:productId') productId = cleanProductId(message.id);
    if (message.type === 'asa:focus') focusSendBox();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') toParent({ type: 'asa:close' });
  });
  retry.addEventListener('click', () => void start());
  window.addEventListener('pagehide', () => {
    if (refreshTimer !== undefined) window.clearInterval(refreshTimer);
  });
  toParent({ type: 'asa:ready' });
  void start();
}

if (typeof document !== 'undefined') main();
