import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { testAssistant } from '../support/assistant.js';
import { httpChat } from '../support/http-chat.js';

const servers: RunningServer[] = [];
const apps: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const a of apps) await a.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir?: string) {
  const assistant = await testAssistant(dataDir ? { dataDir } : {}, { nlu: new KeywordNlu() });
  apps.push(assistant);
  const running = await listen(assistant.app, 0, '127.0.0.1');
  servers.push(running);
  return { assistant, running };
}

describe('POST /api/messages (real CloudAdapter, local mode, expectReplies)', () => {
  it('answers "hello" in English and "你好" in Chinese in the response body', async () => {
    const { running } = await start();
    const en = await httpChat(running.url).say('hello');
    expect(en.status).toBe(200);
    expect(en.replies.map((r) => r.key)).toEqual(['common:greeting']);
    expect(en.replies[0]?.text).toMatch(/after-sales assistant/);
    expect(en.replies[0]?.choices.length).toBeGreaterThan(3);
    const zh = await httpChat(running.url).say('你好');
    expect(zh.replies.map((r) => r.key)).toEqual(['common:greeting']);
    expect(zh.replies[0]?.text).toMatch(/售后助手/);
    expect(zh.replies[0]?.activity.locale).toBe('zh-CN');
  });

  it('welcomes a buyer who joins (conversationUpdate)', async () => {
    const { running } = await start();
    const chat = httpChat(running.url);
    const res = await chat.post({ type: 'conversationUpdate', membersAdded: [{ id: 'buyer-1', name: 'Buyer' }], locale: 'zh-CN' });
    expect(res.replies.map((r) => r.key)).toEqual(['common:welcome']);
    expect(res.replies[0]?.text).toMatch(/售后助手/);
  });

  it('refuses a malformed body without running a turn', async () => {
    const { running, assistant } = await start();
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", ' });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.js/);
    expect(await assistant.transcripts.list('anything')).toEqual([]);
  });

  it('serves /healthz', async () => {
    const { running } = await start();
    const res = await fetch(`${running.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('keeps a conversation across a server restart when DATA_DIR is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'asa-restart-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const chat = httpChat(first.running.url, 'restart-conv');
    expect((await chat.say('说中文')).replies.map((r) => r.key)).toEqual(['common:languageSwitched']);
    await first.running.close();

    const second = await start(dataDir);
    const again = httpChat(second.running.url, 'restart-conv');
    const reply = await again.say('hello');
    // The pinned language came back from disk: an English message still gets Chinese.
    expect(reply.replies[0]?.text).toMatch(/售后助手/);
    const { record } = await second.assistant.store.load('restart-conv');
    expect(record?.turns).toBe(2);
  });
});
