/** Types of webchat-parts.js (plain JS: it imports Web Chat's TSX sources, which are not type-checked here). */
import type { StoreMiddleware } from './shared.js';

export interface DirectLineOptions {
  domain: string;
  token: string;
  conversationId: string;
  webSocket: boolean;
  pollingInterval?: number;
  /** With token and conversationId: connect to this stream without asking for the conversation again. */
  streamUrl?: string;
  conversationStartProperties?: { locale: string };
}

/** Opaque to our code: handed from one call to the next. */
export interface WebChatDirectLine {
  end(): void;
}
export interface WebChatStore {
  dispatch(action: { type: string; payload?: unknown }): unknown;
}

export function createStore(...middleware: StoreMiddleware[]): WebChatStore;
export function createDirectLine(options: DirectLineOptions): WebChatDirectLine;
export function renderWebChat(props: Record<string, unknown>, element: HTMLElement): void;
