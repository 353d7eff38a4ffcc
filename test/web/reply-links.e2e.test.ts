/**
 * Every link in the replies opens, in both languages: the return, exchange and warranty flows run in
 * real Chromium on the demo orders, then every link Web Chat drew (markdown links and the label
 * card's "Print label" button) is fetched and must answer 200 with the label PDF. Chinese text runs
 * straight on from a URL, so a linkifier that took a full-width bracket into the link would 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { freePort, startWebServer, type WebServer } from './web-server.js';
import type { DirectLineActivity } from '../../src/channels/direct-line/activity-stream-store.js';

/** One server per language: a flow's return is recorded on its demo order, so each language gets fresh orders. */
const servers: Partial<Record<'en' | 'zh', WebServer>> = {};
let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  // Label links are absolute (PUBLIC_BASE_URL): each server listens where its links point.
  for (const lang of ['en', 'zh'] as const) {
    const port = await freePort();
    servers[lang] = await startWebServer({ port, config: { publicBaseUrl: `http://127.0.0.1:${port}` } });
  }
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
});

type Lang = 'en' | 'zh';
const chat = (p: Page) => p.frameLocator('iframe[name="asa-chat"]').locator('#asa-webchat');

function replyKey(a: DirectLineActivity): string | undefined {
  const data = a.channelData;
  return typeof data === 'object' && data !== null && 'replyKey' in data && typeof data.replyKey === 'string' ? data.replyKey : undefined;
}

async function keys(p: Page): Promise<(string | undefined)[]> {
  const id = await p.frame({ name: 'asa-chat' })?.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith('asa-chat:')) return (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { conversationId?: string }).conversationId;
    }
    return undefined;
  });
  if (!id) return [];
  return (await server.channels.directLine.streams.list(id, 0)).activities.filter((a) => a.from.role === 'bot').map(replyKey);
}

async function waitKey(p: Page, key: string): Promise<void> {
  await expect.poll(() => keys(p), { timeout: 20_000, interval: 100, message: `waiting for ${key}` }).toContain(key).catch(async (err: unknown) => {
    throw new Error(`${String(err)}; replies so far: ${(await keys(p)).join(', ')}`);
  });
}

async function say(p: Page, text: string): Promise<void> {
  const box = chat(p).locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

async function choose(p: Page, name: RegExp): Promise<void> {
  await chat(p).getByRole('button', { name }).last().click();
}

interface Flow {
  name: string;
  order: string;
  email: string;
  steps: { choose: Record<Lang, RegExp>; then: string }[];
  done: string;
}

const FLOWS: Flow[] = [
  {
    name: 'return (seller pays)',
    order: '111-5820437-6619203',
    email: 'jennifer.nguyen@example.com',
    steps: [
      { choose: { en: /Cast iron skillet/, zh: /铸铁|Cast iron skillet/ }, then: 'returns:askReason' },
      // The seller's fault: issued as soon as the reason is known, no option to pick.
      { choose: { en: /faulty/, zh: /质量问题/ }, then: 'returns:labelReady.seller' },
    ],
    done: 'returns:labelReady.seller',
  },
  {
    name: 'exchange (buyer pays)',
    order: '134-2175809-4431962',
    email: 'anna.weber@example.de',
    steps: [
      { choose: { en: /Wrong size or colour/, zh: /尺码或颜色/ }, then: 'returns:offerBuyerPaysIfUnused' },
    ],
    done: 'returns:replacementLabelReady.buyer',
  },
  {
    name: 'warranty (31 days after delivery)',
    order: '115-6049318-2287549',
    email: 'david.kim@example.com',
    steps: [{ choose: { en: /faulty/, zh: /质量问题/ }, then: 'returns:warranty.marketplace' }],
    done: 'returns:warrantyLabelReady',
  },
];

const LAST: Record<string, Record<Lang, RegExp>> = {
  'returns:replacementLabelReady.buyer': { en: /Exchange for a new one/, zh: /换一件新的/ },
  'returns:warrantyLabelReady': { en: /^Yes, start a warranty claim/, zh: /^是，申请保修/ },
};

describe('links in replies, in Chromium', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const flow of FLOWS) {
      it(`${flow.name} (${lang}): every link Web Chat shows answers 200`, async () => {
        const found = servers[lang];
        if (!found) throw new Error(`no server for ${lang}`);
        server = found;
        const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1100, height: 800 } });
        contexts.push(context);
        const p = await context.newPage();
        await p.goto(`${server.url}/?lang=${lang}`);
        await p.getByRole('button', { name: lang === 'zh' ? '在线咨询' : 'Chat with us' }).click();
        await waitKey(p, 'common:welcome');
        await say(p, lang === 'zh' ? `订单 ${flow.order} 我想退货` : `I want to return an item from order ${flow.order}`);
        await waitKey(p, 'verify:askDetail');
        await say(p, flow.email);
        const first = flow.steps[0]?.then === 'returns:askReason' ? 'returns:askItems' : 'returns:askReason';
        await waitKey(p, first);
        for (const step of flow.steps) {
          await choose(p, step.choose[lang]);
          await waitKey(p, step.then);
        }
        if (flow.steps.at(-1)?.then !== flow.done) {
          const last = LAST[flow.done];
          if (!last) throw new Error(`no last step for ${flow.done}`);
          await choose(p, last[lang]);
          await waitKey(p, flow.done);
        }

        // Every link drawn in the chat (markdown) and the card's Open URL action.
        const links = chat(p).locator('a[href^="http"]');
        await expect.poll(() => links.count(), { timeout: 10_000 }).toBeGreaterThan(0);
        const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        const card = chat(p).locator('.ac-adaptiveCard').last().getByRole('button', { name: lang === 'zh' ? /打印/ : /Print label/ });
        await expect.poll(() => card.count(), { timeout: 10_000 }).toBeGreaterThan(0);
        // The button opens the label in a new tab (headless Chromium has no PDF viewer, so the URL
        // it opens is recorded instead and fetched like the others).
        const frame = p.frame({ name: 'asa-chat' });
        await frame?.evaluate(() => {
          const opened: string[] = [];
          Object.assign(window, { asaOpened: opened });
          window.open = (url?: string | URL) => {
            opened.push(String(url));
            return null;
          };
        });
        await card.click();
        const opened = () => frame?.evaluate(() => (window as unknown as { asaOpened: string[] }).asaOpened) ?? Promise.resolve([]);
        await expect.poll(opened, { timeout: 10_000 }).toHaveLength(1);
        hrefs.push(...(await opened()));
        expect(hrefs.filter((h) => !h.includes('/labels/'))).toEqual([]);
        for (const href of new Set(hrefs)) {
          const res = await fetch(href);
          expect(res.status, href).toBe(200);
          expect(res.headers.get('content-type'), href).toMatch(/pdf/);
        }
      }, 60_000);
    }
  }
});
