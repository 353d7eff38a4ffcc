/**
 * The chat itself, inside an iframe the launcher opens (`/widget/chat?lang=…`): the shop's style
 * sheets cannot reach it and ours cannot reach the shop. Gets a Direct Line token for one
 * conversation (kept in sessionStorage, so a reload resumes it), checks that a WebSocket gets
 * through and falls back to Direct Line polling when it does not (proxies that block WebSockets),
 * then renders Web Chat. Talks to the launcher only by postMessage.
 *
 * Built by src/web/chat-build.ts, which injects `__CHAT_CONFIG__`.
 */
import { buyerTokenMiddleware, cleanBuyerToken, initials, isFrameMessage, pickLang, safeColour, type FrameMessage, type StoreMiddleware } from './shared.js';
import { createDirectLine, createStore, renderWebChat } from './webchat-parts.js';
import type { ChatFrameConfig } from '../chat-build.js';

declare const __CHAT_CONFIG__: ChatFrameConfig;

interface Session {
  conversationId: string;
  token: string;
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
  streamAvailable: boolean;
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const REFRESH_EVERY_MS = 10 * 60 * 1000;
/** How long a WebSocket may take to open before the chat polls instead. */
const STREAM_PROBE_MS = 3000;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
}
const str = (value: unknown, key: string): string | undefined => {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
};

function isSession(value: unknown): value is Session {
  return (
    str(value, 'conversationId') !== undefined && str(value, 'token') !== undefined && str(value, 'userId') !== undefined && typeof field(value, 'expiresAt') === 'number'
  );
}

/** True when a WebSocket to `url` opens within the probe time (then it is closed again). */
export function probeWebSocket(url: string, timeoutMs = STREAM_PROBE_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      resolve(false);
      return;
    }
    const done = (ok: boolean) => {
      window.clearTimeout(timer);
      socket.onopen = socket.onerror = socket.onclose = null;
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(ok);
    };
    const timer = window.setTimeout(() => done(false), timeoutMs);
    socket.onopen = () => done(true);
    socket.onerror = () => done(false);
    socket.onclose = () => done(false);
  });
}

function main(): void {
  const config = __CHAT_CONFIG__;
  const params = new URLSearchParams(location.search);
  const lang = pickLang(params.get('lang'));
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const strings = config.strings[lang];
  const seller = params.get('seller')?.trim().slice(0, 80) || config.sellerName;
  const accent = safeColour(params.get('accent')) ?? config.accent;
  const base = location.origin;
  const storageKey = `asa-chat:${base}`;
  document.documentElement.lang = locale;

  let buyerToken: string | undefined;
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

  const store = {
    read(): Session | undefined {
      try {
        const value: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
        return isSession(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    write(value: Session): void {
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(value));
      } catch {
        // Private mode or full storage: the chat still works, it just won't survive a reload.
      }
    },
  };

  const api = async (method: 'GET' | 'POST', path: string, init: { token?: string; body?: unknown } = {}): Promise<unknown> => {
    const res = await fetch(`${base}/v3/directline${path}`, {
      method,
      credentials: 'omit',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(init.body ?? {}) } : {}),
    });
    if (!res.ok) throw new Error(`Direct Line ${path}: ${res.status}`);
    return res.json();
  };

  const toSession = (r: unknown, previous?: Session): Session => {
    const conversationId = str(r, 'conversationId') ?? previous?.conversationId;
    const token = str(r, 'token');
    const userId = str(r, 'userId') ?? previous?.userId;
    const expiresIn = field(r, 'expires_in');
    if (!conversationId || !token || !userId || typeof expiresIn !== 'number') throw new Error('Direct Line: unexpected answer');
    const stream = field(r, 'streamAvailable');
    return { conversationId, token, userId, expiresAt: Date.now() + expiresIn * 1000, streamAvailable: stream === undefined ? (previous?.streamAvailable ?? true) : stream !== false };
  };

  /** Resume the stored conversation (fresh token) or start a new one. */
  const session = async (): Promise<Session> => {
    const stored = store.read();
    if (stored && stored.expiresAt > Date.now() + 5_000) {
      try {
        const refreshed = toSession(await api('POST', '/tokens/refresh', { token: stored.token }), stored);
        if (refreshed.conversationId === stored.conversationId) return refreshed;
      } catch {
        // Expired or revoked: fall through to a new conversation.
      }
    }
    return toSession(await api('POST', '/tokens/generate', { body: { locale } }));
  };

  /** Starts (or reconnects to) the conversation and tells whether its WebSocket stream gets through. */
  const streamWorks = async (s: Session): Promise<boolean> => {
    if (!s.streamAvailable || typeof WebSocket === 'undefined') return false;
    const started = await api('GET', `/conversations/${encodeURIComponent(s.conversationId)}`, { token: s.token });
    const url = str(started, 'streamUrl');
    return url ? probeWebSocket(url) : false;
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

  const sendBox = (): HTMLElement | null => root.querySelector<HTMLElement>('[data-id="webchat-sendbox-input"], .webchat__send-box input, .webchat__send-box textarea');
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
      const s = await session();
      store.write(s);
      const webSocket = await streamWorks(s);
      const directLine = createDirectLine({
        domain: `${base}/v3/directline`,
        token: s.token,
        conversationId: s.conversationId,
        webSocket,
        ...(webSocket ? {} : { pollingInterval: 1000 }),
        conversationStartProperties: { locale },
      });
      renderWebChat(
        {
          directLine,
          store: createStore(photoGuard, buyerTokenMiddleware(() => buyerToken)),
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
        root,
      );
      showStatus(undefined);
      // Keep the stored token fresh so a reload later in a long chat can still resume it.
      refreshTimer = window.setInterval(() => {
        const current = store.read();
        if (!current) return;
        api('POST', '/tokens/refresh', { token: current.token })
          .then((r) => store.write(toSession(r, current)))
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
