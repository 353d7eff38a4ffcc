/**
 * Loading the chat ahead, in real Chromium: when the buyer points at (or tabs to) the launcher, the
 * chat frame downloads and evaluates Web Chat, but no Direct Line conversation starts until the chat
 * is opened; the click then starts exactly one, and the welcome shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startWebServer();
  await server.channels.chatFrame();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function open(): Promise<{ page: Page; requests: string[]; problems: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}/?lang=en`);
  await page.getByRole('button', { name: 'Chat with us' }).waitFor();
  return { page, requests, problems };
}

/** Web Chat has been evaluated in the frame (its script ran and told the launcher it is ready). */
async function webChatEvaluated(page: Page): Promise<void> {
  await expect
    .poll(async () => (await page.frame({ name: 'asa-chat' })?.evaluate(() => performance.getEntriesByName('asa:webchat-evaluated').length)) ?? 0, { timeout: 20_000 })
    .toBe(1);
}

const directLine = (requests: string[]) => requests.filter((r) => r.includes('/v3/directline/'));

describe('chat frame loaded ahead (Chromium)', () => {
  it('hover loads and evaluates Web Chat without starting a conversation; the click starts one and shows the welcome', async () => {
    const { page, requests, problems } = await open();
    expect(requests.some((r) => r.includes('/widget/chat'))).toBe(false);
    await page.getByRole('button', { name: 'Chat with us' }).hover();
    await webChatEvaluated(page);
    await page.waitForTimeout(500);
    expect(requests.filter((r) => /\/widget\/chat-[0-9a-f]{12}\.js$/.test(r))).toHaveLength(2);
    expect(directLine(requests)).toEqual([]);
    // The panel stays closed while loading ahead.
    expect(await page.locator('#panel').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.frameLocator('iframe[name="asa-chat"]').getByRole('button', { name: 'Where is my order?' }).first().waitFor({ timeout: 20_000 });
    expect(directLine(requests).filter((r) => r.startsWith('POST') && r.endsWith('/tokens/generate'))).toHaveLength(1);
    // The frame was not loaded twice.
    expect(requests.filter((r) => r.includes('/widget/chat?'))).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('a pointer that passes over the launcher and leaves starts nothing', async () => {
    const { page, requests } = await open();
    await page.getByRole('button', { name: 'Chat with us' }).hover();
    await page.mouse.move(10, 10);
    await webChatEvaluated(page);
    await page.waitForTimeout(1000);
    expect(directLine(requests)).toEqual([]);
  });
});
