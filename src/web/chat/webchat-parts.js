// The parts of Web Chat the chat frame uses, and nothing else: the full React component (Adaptive
// Cards and markdown included), the store and Direct Line, with React 18's root API. Built by
// src/web/chat-build.ts, which swaps unused heavy modules (speech, other languages, carousel) for stubs.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import ReactWebChat from 'webchat-src/FullReactWebChat';
import { createStore as createWebChatStore } from 'botframework-webchat-core';
import { DirectLine } from 'botframework-directlinejs';

export function createStore(...middleware) {
  return createWebChatStore({}, ...middleware);
}

export function createDirectLine(options) {
  return new DirectLine({ ...options, botAgent: 'WebChat/4 (after-sales widget)' });
}

export function renderWebChat(props, element) {
  createRoot(element).render(createElement(ReactWebChat, props));
}
