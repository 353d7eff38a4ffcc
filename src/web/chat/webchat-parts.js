// The parts of Web Chat the chat frame uses, and nothing else: the full React component (Adaptive
// Cards and markdown included), the store and Direct Line, on React 18. Built by
// src/web/chat-build.ts, which swaps unused heavy modules (speech, other languages, carousel) for stubs.
import { createElement } from 'react';
import { render } from 'react-dom';
import ReactWebChat from 'webchat-src/FullReactWebChat';
import { createStore as createWebChatStore } from 'botframework-webchat-core';
import { DirectLine } from 'botframework-directlinejs';

export function createStore(...middleware) {
  return createWebChatStore({}, ...middleware);
}

export function createDirectLine(options) {
  return new DirectLine({ ...options, botAgent: 'WebChat/4 (after-sales widget)' });
}

// React 18's legacy root on purpose: Web Chat 4.18 expects synchronous updates outside React events
// (its upload button sets the attachments and then submits them; under createRoot's batching the
// submit sees no attachments and nothing is sent). The production build prints no warning for it.
export function renderWebChat(props, element) {
  render(createElement(ReactWebChat, props), element);
}
