/**
 * The buyer's side end to end in real headless Chromium: the demo store page, the launcher, the
 * Web Chat bundle served by this app, the self-hosted Direct Line channel (WebSocket stream) and the
 * real bot with the real NLU and dialogs on the demo orders. Waits are on reply keys in the
 * conversation's stream; the page is then checked to show that very reply.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startWebServer, type WebServer } from './web-server.js';
import type { DirectLineActivity } from '../../src/channels/direct-line/activity-stream-store.js';
import { signBuyerToken } from '../../src/services/verification/index.js';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // A shop's account page embedding the widget with the token its back end signed for the buyer.
  const token = await accountToken;
  const account = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>My account</title></head><body><h1>My account</h1><script src="/widget.js" data-buyer-token="${token}" defer></script></body></html>`;
  server = await startWebServer({ config: { buyerTokenSecret: BUYER_TOKEN_SECRET }, pages: { '/account': account } });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const BUYER_TOKEN_SECRET = 'e2e-host-page-secret-at-least-32-bytes';
const accountToken = signBuyerToken('marcus.johnson@example.net', BUYER_TOKEN_SECRET);

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Buyer {
  page: Page;
  problems: string[];
  sockets: string[];
  requests: string[];
}

async function buyer(locale: 'en-US' | 'zh-CN'): Promise<Buyer> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  const sockets: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('request', (req) => requests.push(req.url()));
  return { page, problems, sockets, requests };
}

function replyKey(a: DirectLineActivity): string | undefined {
  const data = a.channelData;
  return typeof data === 'object' && data !== null && 'replyKey' in data && typeof data.replyKey === 'string' ? data.replyKey : undefined;
}

/** The chat frame (inside the launcher's shadow root), where Web Chat runs. */
function chat(page: Page) {
  return page.frameLocator('iframe[name="asa-chat"]').locator('#asa-webchat');
}

async function conversationId(page: Page): Promise<string> {
  const frame = page.frame({ name: 'asa-chat' });
  if (!frame) throw new Error('the chat frame is not open');
  const id = await frame.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith('asa-chat:')) return (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { conversationId?: string }).conversationId;
    }
    return undefined;
  });
  if (!id) throw new Error('no conversation stored in sessionStorage');
  return id;
}

async function activities(convId: string): Promise<DirectLineActivity[]> {
  return (await server.channels.directLine.streams.list(convId, 0)).activities;
}

/** Waits for the n-th bot reply with `key` in the stream, then checks the page shows it. */
async function expectReply(page: Page, key: string, occurrence = 1): Promise<DirectLineActivity> {
  await expect.poll(() => conversationId(page).catch(() => ''), { timeout: 15_000 }).not.toBe('');
  const convId = await conversationId(page);
  let found: DirectLineActivity | undefined;
  await expect
    .poll(
      async () => {
        found = (await activities(convId)).filter((a) => a.from.role === 'bot' && replyKey(a) === key)[occurrence - 1];
        return found !== undefined;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(true);
  if (!found) throw new Error(`no ${key}`);
  // The first words before any markdown or link, as Web Chat renders them.
  // Markdown's typographer turns straight quotes into curly ones; compare without that difference.
  const shown = plainQuotes((found.text ?? '').split(/[[\]()*_`\n]|https?:/)[0]?.trim().slice(0, 40) ?? '');
  await expect.poll(async () => plainQuotes(await chat(page).innerText()), { timeout: 10_000 }).toContain(shown);
  return found;
}

function plainQuotes(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/** The reply's Adaptive Card is drawn by Web Chat's card renderer (not just its text fallback). */
async function expectCardShown(page: Page, reply: DirectLineActivity, texts: string[]): Promise<void> {
  expect(reply.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive']);
  const card = chat(page).locator('.ac-adaptiveCard').filter({ hasText: texts[0] ?? '' }).last();
  await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true);
  const shown = await card.innerText();
  for (const text of texts) expect(shown).toContain(text);
}

async function say(page: Page, text: string): Promise<void> {
  const box = chat(page).getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
}

async function choose(page: Page, title: RegExp): Promise<void> {
  await chat(page).getByRole('button', { name: title }).last().click();
}

describe('chat widget in Chromium', () => {
  it('loads only the launcher until the buyer opens the chat, then Web Chat from this server', async () => {
    const { page, requests, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.waitFor();
    expect(requests.some((u) => u.includes('/widget/chat'))).toBe(false);
    expect(requests.some((u) => u.includes('/v3/directline/'))).toBe(false);
    expect(requests.every((u) => u.startsWith(server.url))).toBe(true);
    await launcher.click();
    await expectReply(page, 'common:welcome');
    expect(requests.some((u) => u.startsWith(`${server.url}/widget/chat-`))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('welcomes in English over the WebSocket stream, with the menu as buttons', async () => {
    const { page, sockets, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const welcome = await expectReply(page, 'common:welcome');
    expect(welcome.locale).toBe('en-US');
    await expect.poll(() => chat(page).getByRole('button', { name: 'Where is my order?' }).count()).toBeGreaterThan(0);
    expect(sockets.some((u) => u.includes('/v3/directline/conversations/') && u.includes('/stream'))).toBe(true);
    await expect.poll(() => page.locator('#panel').getAttribute('aria-label')).toBe('Trailhead Running support');
    expect(problems).toEqual([]);
  });

  it('welcomes in Chinese when the page is Chinese (browser language, no ?lang)', async () => {
    const { page, problems } = await buyer('zh-CN');
    await page.goto(`${server.url}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: '在线咨询' }).click();
    const welcome = await expectReply(page, 'common:welcome');
    expect(welcome.locale).toBe('zh-CN');
    expect(welcome.text).toMatch(/\p{Script=Han}/u);
    // Web Chat's own UI speaks Chinese too.
    const placeholder = await chat(page).getByRole('textbox').getAttribute('placeholder');
    expect(placeholder).toMatch(/\p{Script=Han}/u);
    expect(problems).toEqual([]);
  });

  it('survives a reload mid-flow (asked for the email): same conversation, history shown, the flow goes on to the tracking card', async () => {
    const { page, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    await say(page, 'Where is my order 112-7051384-2296640?');
    const asked = await expectReply(page, 'verify:askDetail');
    const before = await conversationId(page);

    await page.reload();
    // The chat was open: it comes back open, on the same conversation, with what was said.
    await expect.poll(() => chat(page).innerText(), { timeout: 20_000 }).toContain('112-7051384-2296640');
    await expect.poll(async () => plainQuotes(await chat(page).innerText())).toContain(plainQuotes(asked.text ?? '').slice(0, 30));
    expect(await conversationId(page)).toBe(before);
    // The dialog still waits for the email: the answer given after the reload verifies the order.
    await say(page, 'marcus.johnson@example.net');
    const status = await expectReply(page, 'track:onTime');
    expect(status.text).toContain('112-7051384-2296640');
    await expectCardShown(page, status, ['Order 112-7051384-2296640', 'Carrier', 'Tracking number']);
    const keys = (await activities(before)).map(replyKey);
    expect(keys.filter((k) => k === 'common:welcome')).toHaveLength(1);
    expect(keys.filter((k) => k === 'verify:askDetail')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('answers where-is-my-order in English on a demo order', async () => {
    const { page, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    await say(page, 'Where is my order 112-7051384-2296640?');
    await expectReply(page, 'verify:askDetail');
    await say(page, 'marcus.johnson@example.net');
    const status = await expectReply(page, 'track:onTime');
    expect(status.text).toContain('112-7051384-2296640');
    expect(problems).toEqual([]);
  });

  it('completes a return in English and shows the label link', async () => {
    const { page, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    await say(page, 'I want to return an item from order 111-5820437-6619203');
    await expectReply(page, 'verify:askDetail');
    await say(page, 'jennifer.nguyen@example.com');
    await expectReply(page, 'returns:askItems');
    await choose(page, /Cast iron skillet/);
    await expectReply(page, 'returns:askReason');
    // The seller's fault: the return is issued as soon as the reason is known.
    await choose(page, /faulty/);
    const ready = await expectReply(page, 'returns:labelReady.seller');
    const rma = /RMA-[A-Z0-9-]+/.exec(ready.text ?? '')?.[0];
    expect(rma).toBeDefined();
    const link = chat(page).locator('a[href*="/labels/"]');
    await expect.poll(() => link.count()).toBeGreaterThan(0);
    expect(await link.last().getAttribute('href')).toMatch(/\/labels\/[^/]+\.pdf$/);
    // The label card, drawn by the Adaptive Card renderer, with its RMA and its print button.
    await expectCardShown(page, ready, ['Your return label', rma ?? 'RMA-']);
    const print = chat(page).locator('.ac-adaptiveCard').filter({ hasText: 'Your return label' }).last().getByRole('button', { name: 'Print label' });
    await expect.poll(() => print.isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('answers where-is-my-order in Chinese (slow parcel) on a demo order', async () => {
    const { page, problems } = await buyer('zh-CN');
    await page.goto(`${server.url}/?lang=zh`);
    await page.getByRole('button', { name: '在线咨询' }).click();
    await expectReply(page, 'common:welcome');
    await say(page, '我的订单 141-6613950-8127734 到哪了？');
    await expectReply(page, 'verify:askDetail');
    await say(page, 'wang.fang@example.cn');
    const status = await expectReply(page, 'track:slow');
    expect(status.locale).toBe('zh-CN');
    expect(status.text).toContain('141-6613950-8127734');
    expect(problems).toEqual([]);
  });

  it("a signed-in buyer (the shop's data-buyer-token) gets their orders listed and tracked without being asked for an email", async () => {
    const { page, problems } = await buyer('en-US');
    const token = await accountToken;
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    const posted = page.waitForRequest((req) => req.method() === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(req.url()));
    await say(page, 'Where is my order?');
    const body: unknown = (await posted).postDataJSON();
    expect(body).toMatchObject({ type: 'message', text: 'Where is my order?', channelData: { buyerToken: token } });
    await expectReply(page, 'verify:pickOrder');
    await choose(page, /112-7051384-2296640/);
    const status = await expectReply(page, 'track:onTime');
    expect(status.text).toContain('112-7051384-2296640');
    const convId = await conversationId(page);
    expect((await activities(convId)).map(replyKey)).not.toContain('verify:askDetail');
    // The token is never kept in the page's storage.
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(token);
    expect(await page.frame({ name: 'asa-chat' })?.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(token);
    expect(problems).toEqual([]);
  });

  it('uploads a photo: stored under the data dir, passed to the bot as an attachment served by this app', async () => {
    const { page, problems } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    const convId = await conversationId(page);
    await chat(page).locator('input[type="file"]').setInputFiles({ name: 'scratch.png', mimeType: 'image/png', buffer: PNG_1X1 });
    let sent: DirectLineActivity | undefined;
    await expect
      .poll(
        async () => {
          sent = (await activities(convId)).find((a) => a.from.role === 'user' && (a.attachments?.length ?? 0) > 0);
          return sent !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const attachment = sent?.attachments?.[0];
    expect(attachment?.contentType).toBe('image/png');
    expect(attachment?.contentUrl).toMatch(new RegExp(`^${server.url}/v3/directline/attachments/[a-f0-9]{32}\\.png$`));
    const name = attachment?.contentUrl?.split('/').pop() ?? '';
    expect(existsSync(join(server.uploadDir, name))).toBe(true);
    const served = await fetch(attachment?.contentUrl ?? '');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    // The buyer sees their photo in the transcript.
    await expect.poll(() => chat(page).locator(`img[src="${attachment?.contentUrl ?? ''}"]`).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('refuses a file that is not a photo in the page, saying why, and uploads nothing', async () => {
    const { page } = await buyer('en-US');
    await page.goto(`${server.url}/?lang=en`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expectReply(page, 'common:welcome');
    const before = readdirSync(server.uploadDir).length;
    await chat(page).locator('input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => chat(page).innerText(), { timeout: 10_000 }).toContain('JPEG, PNG or WebP');
    const convId = await conversationId(page);
    expect((await activities(convId)).some((a) => (a.attachments?.length ?? 0) > 0)).toBe(false);
    expect(readdirSync(server.uploadDir).length).toBe(before);
  });
});
