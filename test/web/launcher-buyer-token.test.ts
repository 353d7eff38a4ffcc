/** The launcher's Web Chat store middleware that puts the host page's buyer token on every posted activity. */
import { describe, expect, it } from 'vitest';
import { buyerTokenMiddleware, cleanBuyerToken } from '../../src/web/launcher/widget.js';

interface Action {
  type: string;
  payload?: unknown;
}

function through(token: string | undefined, action: Action): { passed: Action | undefined; original: Action } {
  const original = structuredClone(action);
  let passed: Action | undefined;
  const dispatch = (a: Action) => a;
  buyerTokenMiddleware(() => token)({ dispatch })((a) => {
    passed = a;
    return a;
  })(action);
  expect(action).toEqual(original); // actions are immutable: the middleware copies
  return { passed, original };
}

describe('buyerTokenMiddleware', () => {
  it('adds channelData.buyerToken to a posted message, keeping what channelData already had', () => {
    const { passed } = through('eyJ.token.sig', {
      type: 'DIRECT_LINE/POST_ACTIVITY',
      payload: { activity: { type: 'message', text: 'where is my order?', channelData: { clientActivityID: 'a1' } } },
    });
    expect(passed).toEqual({
      type: 'DIRECT_LINE/POST_ACTIVITY',
      payload: { activity: { type: 'message', text: 'where is my order?', channelData: { clientActivityID: 'a1', buyerToken: 'eyJ.token.sig' } } },
    });
  });

  it('adds it to a suggested-action click (messageBack value) without channelData yet', () => {
    const { passed } = through('tok', { type: 'DIRECT_LINE/POST_ACTIVITY', payload: { activity: { type: 'message', value: { choice: 'order:1' } } } });
    expect(passed?.payload).toEqual({ activity: { type: 'message', value: { choice: 'order:1' }, channelData: { buyerToken: 'tok' } } });
  });

  it('leaves other actions, and every action when there is no token, untouched', () => {
    const other = { type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'hi' } };
    expect(through('tok', other).passed).toEqual(other);
    const post = { type: 'DIRECT_LINE/POST_ACTIVITY', payload: { activity: { type: 'message', text: 'hi' } } };
    expect(through(undefined, post).passed).toEqual(post);
  });

  it('reads the token at every post (a page may sign the buyer in or out later)', () => {
    let token: string | undefined;
    const seen: unknown[] = [];
    const next = buyerTokenMiddleware(() => token)({ dispatch: (a) => a })((a) => {
      seen.push(a.payload);
      return a;
    });
    const post = () => next({ type: 'DIRECT_LINE/POST_ACTIVITY', payload: { activity: { type: 'message', text: 'x' } } });
    post();
    token = 'signed-in';
    post();
    token = undefined;
    post();
    expect(seen).toEqual([
      { activity: { type: 'message', text: 'x' } },
      { activity: { type: 'message', text: 'x', channelData: { buyerToken: 'signed-in' } } },
      { activity: { type: 'message', text: 'x' } },
    ]);
  });
});

describe('cleanBuyerToken', () => {
  it('keeps a trimmed token and drops empty, oversized or non-string values', () => {
    expect(cleanBuyerToken(' a.b.c ')).toBe('a.b.c');
    expect(cleanBuyerToken('')).toBeUndefined();
    expect(cleanBuyerToken('   ')).toBeUndefined();
    expect(cleanBuyerToken('x'.repeat(4097))).toBeUndefined();
    expect(cleanBuyerToken(42)).toBeUndefined();
    expect(cleanBuyerToken(undefined)).toBeUndefined();
  });
});
