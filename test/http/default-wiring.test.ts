/**
 * What `npm start` serves, assembled by the composition root with every built-in channel: the demo
 * store page and widget script, the self-hosted Direct Line channel running the same bot, the agent
 * console tab in local mode, and a widget buyer's handoff reaching the queue the tab shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import type { Assistant } from '../../src/app.js';
import { testAssistant } from '../support/assistant.js';
import { KeywordNlu } from '../support/keyword-nlu.js';

let running: RunningServer;
let assistant: Assistant;
beforeAll(async () => {
  assistant = await testAssistant({}, { nlu: new KeywordNlu() });
  running = await listen(assistant.app, 0, '127.0.0.1');
  assistant.setPublicBaseUrl(running.url);
  assistant.attach(running.server);
});
afterAll(async () => {
  await running.close();
  await assistant.close();
});

interface DlActivity {
  type: string;
  from: { id: string };
  text?: string;
  channelData?: { replyKey?: string };
}

async function poll(conversationId: string, token: string, until: (a: DlActivity[]) => boolean): Promise<DlActivity[]> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { activities: DlActivity[] };
    if (until(body.activities)) return body.activities;
    await new Promise((r) => setTimeout(r, 50));
  }
  const res = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
  throw new Error(`no expected activity in ${JSON.stringify(((await res.json()) as { activities: DlActivity[] }).activities.map((a) => [a.from.id, a.text, a.channelData?.replyKey]))}`);
}

describe('the default composition (npm start)', () => {
  it('serves the demo store page with the widget script', async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/widget\.js/);
    const script = await fetch(`${running.url}/widget.js`);
    expect(script.status).toBe(200);
  });

  it('runs the same bot over the built-in Direct Line channel, and an agent accepting in the tab reaches the widget buyer', async () => {
    const origin = running.url;
    const gen = await fetch(`${running.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'zh-CN' }),
    });
    expect(gen.status).toBe(200);
    const { token, conversationId } = (await gen.json()) as { token: string; conversationId: string };
    const start = await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' }, body: '{}' });
    expect(start.status).toBeLessThan(300);
    const post = await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '你好', from: { id: 'ignored' }, locale: 'zh-CN' }),
    });
    expect(post.status).toBe(200);
    const activities = await poll(conversationId, token, (a) => a.some((x) => x.channelData?.replyKey === 'common:greeting'));
    expect(activities.find((x) => x.channelData?.replyKey === 'common:greeting')?.text).toMatch(/售后助手/);

    const tab = await fetch(`${running.url}/agent-tab`);
    expect(tab.status).toBe(200);

    // The buyer asks for a person; an agent accepts in the console tab (local mode, loopback).
    await fetch(`${running.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '我要人工客服', from: { id: 'ignored' } }),
    });
    await poll(conversationId, token, (a) => a.some((x) => /^handoff:(queued|afterHours)$/.test(x.channelData?.replyKey ?? '')));
    const queue = (await (await fetch(`${running.url}/agent-tab/api/queue`)).json()) as { tickets?: { ticketId: string; conversationId: string }[] } | { ticketId: string; conversationId: string }[];
    const tickets = Array.isArray(queue) ? queue : (queue.tickets ?? []);
    const ticket = tickets.find((t) => t.conversationId === conversationId);
    expect(ticket).toBeDefined();
    const accept = await fetch(`${running.url}/agent-tab/api/tickets/${ticket?.ticketId ?? ''}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(accept.status).toBe(200);
    // The agent's join reaches the widget buyer through the Direct Line adapter, in Chinese.
    const after = await poll(conversationId, token, (a) => a.some((x) => x.channelData?.replyKey === 'handoff:agentJoined'));
    expect(after.find((x) => x.channelData?.replyKey === 'handoff:agentJoined')?.text).toMatch(/已加入对话/);
  });
});
