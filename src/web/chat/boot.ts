/**
 * The chat frame's first, tiny script: gets the Direct Line session, starts the conversation (the
 * bot's welcome is written meanwhile) and checks that a WebSocket gets through, all while the
 * browser is still downloading and parsing Web Chat. chat-frame.ts picks the result up from
 * `window.__asaBoot` (and calls `bootChat` again on "Try again").
 */
import { isFrameMessage, pickLang, type FrameMessage } from './shared.js';

export interface Session {
  conversationId: string;
  token: string;
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
  streamAvailable: boolean;
}

export interface Booted {
  session: Session;
  /** False when the WebSocket stream is unavailable or blocked: Direct Line then polls. */
  webSocket: boolean;
  /** The stream the probe opened: Web Chat connects to it straight away (no second conversation GET). */
  streamUrl?: string;
}

declare global {
  interface Window {
    __asaBoot?: Promise<Booted>;
  }
}

/** How long a WebSocket may take to open before the chat polls instead. */
const STREAM_PROBE_MS = 3000;

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
}
export function str(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
}

function isSession(value: unknown): value is Session {
  return str(value, 'conversationId') !== undefined && str(value, 'token') !== undefined && str(value, 'userId') !== undefined && typeof field(value, 'expiresAt') === 'number';
}

export const storageKey = (): string => `asa-chat:${location.origin}`;
export const frameLocale = (): 'zh-CN' | 'en-US' => (pickLang(new URLSearchParams(location.search).get('lang')) === 'zh' ? 'zh-CN' : 'en-US');

export function readSession(): Session | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(storageKey()) ?? 'null');
    return isSession(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(value: Session): void {
  try {
    sessionStorage.setItem(storageKey(), JSON.stringify(value));
  } catch {
    // Private mode or full storage: the chat still works, it just won't survive a reload.
  }
}

export async function directLineApi(method: 'GET' | 'POST', path: string, init: { token?: string; body?: unknown } = {}): Promise<unknown> {
  const res = await fetch(`${location.origin}/v3/directline${path}`, {
    method,
    credentials: 'omit',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(method === 'POST' ? { body: JSON.stringify(init.body ?? {}) } : {}),
  });
  if (!res.ok) throw new Error(`Direct Line ${path}: ${res.status}`);
  return res.json();
}

export function toSession(r: unknown, previous?: Session): Session {
  const conversationId = str(r, 'conversationId') ?? previous?.conversationId;
  const token = str(r, 'token');
  const userId = str(r, 'userId') ?? previous?.userId;
  const expiresIn = field(r, 'expires_in');
  if (!conversationId || !token || !userId || typeof expiresIn !== 'number') throw new Error('Direct Line: unexpected answer');
  const stream = field(r, 'streamAvailable');
  return {
    conversationId,
    token,
    userId,
    expiresAt: Date.now() + expiresIn * 1000,
    streamAvailable: stream === undefined ? (previous?.streamAvailable ?? true) : stream !== false,
  };
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

/** Resume the stored conversation (fresh token) or start a new one; then start it and probe its stream. */
export async function bootChat(): Promise<Booted> {
  const stored = readSession();
  let session: Session | undefined;
  if (stored && stored.expiresAt > Date.now() + 5_000) {
    try {
      const refreshed = toSession(await directLineApi('POST', '/tokens/refresh', { token: stored.token }), stored);
      if (refreshed.conversationId === stored.conversationId) session = refreshed;
    } catch {
      // Expired or revoked: fall through to a new conversation.
    }
  }
  session ??= toSession(await directLineApi('POST', '/tokens/generate', { body: { locale: frameLocale() } }));
  writeSession(session);
  if (!session.streamAvailable || typeof WebSocket === 'undefined') return { session, webSocket: false };
  const started = await directLineApi('GET', `/conversations/${encodeURIComponent(session.conversationId)}`, { token: session.token });
  const url = str(started, 'streamUrl');
  const webSocket = url ? await probeWebSocket(url) : false;
  return webSocket && url ? { session, webSocket, streamUrl: url } : { session, webSocket };
}

/**
 * A frame the launcher loads ahead (`?warm=1`, on hover or focus) downloads and evaluates Web Chat
 * but starts no conversation until the buyer opens the chat: it says it is waiting, and the launcher
 * answers `asa:open` (now, or when the buyer clicks).
 */
export function whenOpened(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || !isFrameMessage(event.data) || event.data.type !== 'asa:open') return;
      window.removeEventListener('message', onMessage);
      resolve();
    };
    window.addEventListener('message', onMessage);
    const waiting: FrameMessage = { type: 'asa:waiting' };
    if (window.parent !== window) window.parent.postMessage(waiting, '*');
    else resolve();
  });
}

if (typeof document !== 'undefined' && document.currentScript?.dataset.boot !== undefined) {
  performance.mark('asa:boot');
  window.__asaBoot = new URLSearchParams(location.search).get('warm') === '1' ? whenOpened().then(bootChat) : bootChat();
  window.__asaBoot.then(() => performance.mark('asa:booted')).catch(() => undefined);
  // Handled by the chat script; this only keeps an early failure from being reported as unhandled.
  window.__asaBoot.catch(() => undefined);
}
