import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createRenderer } from '../../src/bot/render.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat } from '../support/http-chat.js';

describe('buyer-provided values stay inert in replies', () => {
  it('escapes script tags, markdown links and i18next syntax echoed back in a reply', async () => {
    const renderer = createRenderer(await createI18n());
    const hostile = '<script>alert(1)</script> [click](http://evil.example) ![x](http://evil.example/p.png) $t(common:greeting) {{ref}}';
    for (const lang of ['en', 'zh'] as const) {
      const [reply] = renderer.render([{ key: 'handoff:agentMessage', values: { agentName: '<b>Eve</b>', text: hostile } }], lang);
      const text = reply?.text ?? '';
      expect(text).toContain('\\<script\\>');
      expect(text).not.toMatch(/<script>|<b>|\]\(http/);
      expect(text).toContain('\\[click\\]\\(http://evil.example\\)');
      // Nesting and interpolation are not applied to values: the greeting does not appear.
      expect(text).not.toMatch(/after-sales assistant|售后助手/);
    }
  });
});

describe('Teams tenant allow-list', () => {
  let running: RunningServer;
  let assistant: Awaited<ReturnType<typeof testAssistant>>;
  beforeAll(async () => {
    // The gate sits on the adapter, in front of any handler; without the agent desk the buyer bot answers.
    assistant = await testAssistant({ teamsAllowedTenants: ['tenant-ok'], rateLimitIpPerMinute: 0 }, { nlu: new KeywordNlu(), channels: false });
    running = await listen(assistant.app, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await running?.close();
    await assistant?.close();
  });

  const teams = (tenant: string | undefined) =>
    httpChat(running.url, `teams-${randomUUID()}`, { channelId: 'msteams', ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}) });

  it('answers msteams activities from an allowed tenant', async () => {
    expect((await teams('tenant-ok').say('hello')).replies.map((r) => r.key)).toEqual(['common:greeting']);
  });

  it('drops msteams activities from other tenants or without a tenant, and leaves other channels alone', async () => {
    expect((await teams('tenant-evil').say('hello')).replies).toEqual([]);
    expect((await teams(undefined).say('hello')).replies).toEqual([]);
    expect((await httpChat(running.url).say('hello')).replies.map((r) => r.key)).toEqual(['common:greeting']);
  });
});

describe('per-IP limit on /api/messages', () => {
  it('answers 429 with Retry-After once an address exceeds its budget', async () => {
    const assistant = await testAssistant({ rateLimitIpPerMinute: 3 }, { nlu: new KeywordNlu() });
    const server = await listen(assistant.app, 0, '127.0.0.1');
    try {
      const chat = httpChat(server.url);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await chat.say(`hello ${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    } finally {
      await server.close();
      await assistant.close();
    }
  });

  it('tells a buyer who floods one conversation to slow down, in their language, without running the turn', async () => {
    const assistant = await testAssistant({ rateLimitConversationPerMinute: 2, rateLimitIpPerMinute: 0 }, { nlu: new KeywordNlu() });
    const server = await listen(assistant.app, 0, '127.0.0.1');
    try {
      const chat = httpChat(server.url);
      await chat.say('你好');
      await chat.say('谢谢');
      const third = await chat.say('再见');
      expect(third.replies.map((r) => r.key)).toEqual(['limits:rateLimited']);
      expect(third.replies[0]?.text).toMatch(/[\u4e00-\u9fff]/);
      expect((await assistant.store.load(chat.conversationId)).record?.turns).toBe(2);
    } finally {
      await server.close();
      await assistant.close();
    }
  });
});
