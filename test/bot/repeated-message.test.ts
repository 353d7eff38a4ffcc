/**
 * Issue 18 item 9, as the buyer meets it: the widget (the real Direct Line adapter over HTTP) on a
 * real redis-server. The same words sent again under a new activity id are a new message and are
 * answered; only the channel's redelivery signal (Web Chat re-posting with the same
 * `clientActivityID`) is recognised as a repeat, answered from the stored replies and run once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectLineActivity } from '../../src/channels/direct-line/activity-stream-store.js';
import { startAppCluster, type AppCluster, type Instance } from '../support/app-cluster.js';
import { KeywordNlu } from '../support/keyword-nlu.js';

const ORIGIN = 'https://shop.example';
let cluster: AppCluster;
let app: Instance;

beforeAll(async () => {
  cluster = await startAppCluster(1, { directLineTokenSecret: 'repeated-message-test-secret-0123456789', widgetAllowedOrigins: [ORIGIN] }, { nlu: new KeywordNlu() });
  const [first] = cluster.instances;
  if (!first) throw new Error('one instance expected');
  app = first;
});
afterAll(async () => cluster?.close());

async function call(path: string, init: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${app.url}/v3/directline${path}`, {
    method: init.body !== undefined ? 'POST' : 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const replyKeyOf = (a: DirectLineActivity): string | undefined => {
  const data = a.channelData;
  return typeof data === 'object' && data !== null && 'replyKey' in data && typeof data.replyKey === 'string' ? data.replyKey : undefined;
};

describe.each([
  ['en', 'en-US', 'hello'],
  ['zh', 'zh-CN', '你好'],
] as const)('a repeated message (%s)', (lang, locale, text) => {
  it('is answered each time it is sent under a new id, and a re-post of the same client activity runs once', async () => {
    const token = await call('/tokens/generate', { body: { locale } });
    const started = await call('/conversations', { token: String(token.body.token), body: {} });
    expect(started.status).toBe(201);
    const conversationId = String(started.body.conversationId);
    const auth = String(started.body.token);
    const send = (clientActivityID: string) =>
      call(`/conversations/${conversationId}/activities`, { token: auth, body: { type: 'message', text, locale, channelData: { clientActivityID } } });
    const botReplies = async () => {
      const page = await call(`/conversations/${conversationId}/activities?watermark=0`, { token: auth });
      return (page.body.activities as DirectLineActivity[]).filter((a) => a.from.role === 'bot').map(replyKeyOf);
    };
    const turns = async () => (await app.assistant.store.load(conversationId)).record?.turns;

    expect((await send('client-1')).status).toBe(200);
    const afterFirst = await turns();
    // The same words at once, under a new id (the buyer answering "1" twice): a new turn, answered.
    expect((await send('client-2')).status).toBe(200);
    expect(await turns()).toBe((afterFirst ?? 0) + 1);
    expect((await botReplies()).filter((k) => k === 'common:greeting')).toHaveLength(2);

    // Web Chat re-posting client-2 (a network retry): not run again, answered from the stored replies.
    expect((await send('client-2')).status).toBe(200);
    expect(await turns()).toBe((afterFirst ?? 0) + 1);
    expect((await botReplies()).filter((k) => k === 'common:greeting')).toHaveLength(3);
    const record = (await app.assistant.store.load(conversationId)).record;
    expect(record?.lang).toBe(lang);
  });
});
