/**
 * The widget's shell in real Chromium: isolation from the shop's CSS, the phone layout (390×844,
 * hit-tested), keyboard-only use with named buttons, the polling fallback when WebSockets are
 * blocked, and the cold click → first bot message time. Screenshots go to SCREENS_DIR when set.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startWebServer, type WebServer } from './web-server.js';

/** A shop whose global rules would wreck anything they reached. */
const HOSTILE_CSS = `
*{font-family:"Comic Sans MS",serif!important;letter-spacing:3px!important;box-sizing:content-box!important}
img,svg{width:100%!important;height:auto!important}
button{all:unset!important;display:block!important;width:100%!important;padding:30px!important;background:red!important}
div{padding:7px!important;margin:3px!important;line-height:3!important}
iframe{width:10px!important;height:10px!important;border:9px solid red!important}
p,span,strong{font-size:31px!important;color:#f0f!important}`;

const page = (lang: 'en' | 'zh', css = '') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>shop</title><style>${css}</style></head><body><h1>Shop</h1><p><a href="#a">A link</a> <button type="button">Buy</button></p><script src="/widget.js" defer></script></body></html>`;

let server: WebServer;
let blocked: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const SCREENS = process.env.SCREENS_DIR;

beforeAll(async () => {
  browser = await launchChromium();
  const pages = { '/plain-en': page('en'), '/plain-zh': page('zh'), '/hostile-en': page('en', HOSTILE_CSS) };
  server = await startWebServer({ pages });
  // A proxy in front that refuses WebSocket upgrades, while the channel still offers the stream.
  blocked = await startWebServer({ pages });
  blocked.running.server.removeAllListeners('upgrade');
  blocked.running.server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n'));
  await server.channels.chatFrame();
  await blocked.channels.chatFrame();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  await blocked?.close();
});

async function open(url: string, locale: 'en-US' | 'zh-CN', viewport = { width: 1100, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport });
  contexts.push(context);
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  p.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await p.goto(url);
  return { page: p, problems };
}

const chat = (p: Page) => p.frameLocator('iframe[name="asa-chat"]');

function frameOf(p: Page): Frame {
  const frame = p.frame({ name: 'asa-chat' });
  if (!frame) throw new Error('the chat frame is not open');
  return frame;
}

/** Waits until Web Chat shows the welcome and its menu buttons. */
async function welcomed(p: Page, menuButton: string | RegExp): Promise<void> {
  await chat(p).getByRole('button', { name: menuButton }).first().waitFor({ timeout: 20_000 });
}

async function screenshot(p: Page, name: string): Promise<void> {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(SCREENS, `${name}.png`) });
}

/** Boxes and styles of the widget's parts, outside and inside the frame. */
async function layout(p: Page): Promise<Record<string, unknown>> {
  const outside = await p.evaluate(() => {
    const root = document.getElementById('asa-widget')?.shadowRoot;
    const pick = (sel: string) => {
      // (`#head span` and `strong` carry the text, so inherited letter-spacing and line-height show there.)
      const el = root?.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return [r.x, r.y, r.width, r.height, s.fontFamily, s.fontSize, s.color, s.backgroundColor, s.padding, s.letterSpacing, s.lineHeight, s.fontWeight].join('|');
    };
    return { launcher: pick('#launcher'), panel: pick('#panel'), head: pick('#head'), title: pick('#head strong'), subtitle: pick('#head span'), close: pick('#close'), frame: pick('#frame') };
  });
  const inside = await frameOf(p).evaluate(() => {
    // What the buyer can see and hit (Web Chat also keeps off-screen copies for screen readers).
    const hittable = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) return false;
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return hit !== null && (hit === el || el.contains(hit));
    };
    const sig = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return [Math.round(r.width), Math.round(r.height), s.fontFamily, s.fontSize, s.color, s.letterSpacing, s.lineHeight].join('|');
    };
    return {
      buttons: [...document.querySelectorAll('button')].filter(hittable).map(sig),
      images: [...document.querySelectorAll('img, svg')].filter((el) => el.getBoundingClientRect().width > 0).map(sig),
      sendBox: [...document.querySelectorAll('[data-id="webchat-sendbox-input"]')].map(sig),
    };
  });
  return { ...outside, ...inside };
}

describe('widget shell in Chromium', () => {
  it("a hostile shop stylesheet changes nothing inside the widget (launcher, panel, header, Web Chat's buttons and icons)", async () => {
    const plain = await open(`${server.url}/plain-en`, 'en-US');
    const hostile = await open(`${server.url}/hostile-en`, 'en-US');
    for (const { page: p } of [plain, hostile]) {
      await p.getByRole('button', { name: 'Chat with us' }).click();
      await welcomed(p, 'Where is my order?');
    }
    // The shop's own button did change (the rules are live)...
    const shopButton = (p: Page) => p.locator('body > p > button').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(await shopButton(hostile.page)).toBe('rgb(255, 0, 0)');
    expect(await shopButton(plain.page)).not.toBe('rgb(255, 0, 0)');
    // ...and the widget is laid out and styled exactly the same.
    const a = await layout(plain.page);
    expect((a.buttons as unknown[]).length).toBeGreaterThan(3);
    expect((a.images as unknown[]).length).toBeGreaterThan(0);
    await expect.poll(() => layout(hostile.page), { timeout: 5_000 }).toEqual(a);
    await screenshot(hostile.page, 'desktop-en-hostile-host-css');
    expect([...plain.problems, ...hostile.problems]).toEqual([]);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`at 390×844 (${lang}) the panel fills the screen without overflow, the launcher is out of the way, and the send box and every button take the tap`, async () => {
      const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
      const { page: p, problems } = await open(`${server.url}/?lang=${lang}`, locale, { width: 390, height: 844 });
      // The demo store's header fits on one line each (the language names do not wrap).
      const header = await p.evaluate(() => {
        const links = [...document.querySelectorAll('header nav a')];
        return { lines: links.map((a) => a.getClientRects().length), overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(header.lines.every((n) => n === 1)).toBe(true);
      expect(header.overflow).toBeLessThanOrEqual(0);
      await screenshot(p, `mobile-${lang}-page`);

      await p.getByRole('button', { name: lang === 'zh' ? '在线咨询' : 'Chat with us' }).click();
      await welcomed(p, lang === 'zh' ? /订单/ : 'Where is my order?');
      const geometry = await p.evaluate(() => {
        const root = document.getElementById('asa-widget')?.shadowRoot;
        const panel = root?.querySelector('#panel')?.getBoundingClientRect();
        const head = root?.querySelector('#head');
        const launcher = root?.querySelector('#launcher');
        return {
          panel: panel ? [panel.x, panel.y, panel.width, panel.height] : [],
          headFits: head ? head.scrollWidth <= head.clientWidth : false,
          launcherShown: launcher ? getComputedStyle(launcher).display !== 'none' : true,
          titleOneLine: (root?.querySelector('#head strong')?.getClientRects().length ?? 0) === 1,
        };
      });
      expect(geometry.panel).toEqual([0, 0, 390, 844]);
      expect(geometry.headFits).toBe(true);
      expect(geometry.titleOneLine).toBe(true);
      expect(geometry.launcherShown).toBe(false);
      const inside = await frameOf(p).evaluate(() => {
        const doc = document.documentElement;
        const box = document.querySelector('[data-id="webchat-sendbox-input"]')?.getBoundingClientRect();
        return { overflowX: doc.scrollWidth - doc.clientWidth, overflowY: doc.scrollHeight - doc.clientHeight, sendBoxBottom: box ? box.bottom : 1e9, height: innerHeight };
      });
      expect(inside.overflowX).toBeLessThanOrEqual(0);
      expect(inside.overflowY).toBeLessThanOrEqual(0);
      expect(inside.sendBoxBottom).toBeLessThanOrEqual(inside.height);
      // Playwright's trial click hit-tests each target: it fails if anything else would take the tap.
      const frame = chat(p);
      await frame.locator('[data-id="webchat-sendbox-input"]').click({ trial: true, timeout: 5_000 });
      // The buttons on screen: the menu (suggested actions), Upload and Send.
      const buttons = frame.locator('#asa-webchat').locator('button.webchat__suggested-action, .webchat__upload-button button, .webchat__send-button button, button.webchat__send-button');
      const count = await buttons.count();
      expect(count).toBeGreaterThanOrEqual(8);
      for (let i = 0; i < count; i++) await buttons.nth(i).click({ trial: true, timeout: 5_000 });
      await p.locator('#close').click({ trial: true, timeout: 5_000 });
      await screenshot(p, `mobile-${lang}-chat`);
      expect(problems).toEqual([]);
    });
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`keyboard only (${lang}): Tab to the launcher, Enter opens with the focus in the send box, typing and Enter send; Send and Upload are named`, async () => {
      const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
      const { page: p, problems } = await open(`${server.url}/plain-${lang}`, locale);
      const launcherName = lang === 'zh' ? '在线咨询' : 'Chat with us';
      let tabs = 0;
      while (tabs < 10 && (await p.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)) !== 'launcher') {
        await p.keyboard.press('Tab');
        tabs++;
      }
      expect(tabs).toBeLessThan(10);
      await p.keyboard.press('Enter');
      await welcomed(p, lang === 'zh' ? /订单/ : 'Where is my order?');
      await expect.poll(() => frameOf(p).evaluate(() => document.activeElement?.getAttribute('data-id')), { timeout: 10_000 }).toBe('webchat-sendbox-input');
      const text = lang === 'zh' ? '我的订单 112-7051384-2296640 到哪了？' : 'Where is my order 112-7051384-2296640?';
      await p.keyboard.type(text);
      await p.keyboard.press('Enter');
      await expect.poll(() => chat(p).locator('#asa-webchat').innerText(), { timeout: 15_000 }).toContain('112-7051384-2296640');
      // The bot answered (it asks for the email or postal code).
      await expect.poll(() => chat(p).locator('#asa-webchat').innerText(), { timeout: 15_000 }).toMatch(lang === 'zh' ? /邮箱|邮编/ : /email/i);
      await screenshot(p, `desktop-${lang}-conversation`);
      const send = chat(p).getByRole('button', { name: lang === 'zh' ? '发送' : 'Send', exact: true });
      const upload = chat(p).getByRole('button', { name: lang === 'zh' ? '上传文件' : 'Upload file', exact: true });
      expect(await send.getAttribute('aria-label')).toBe(lang === 'zh' ? '发送' : 'Send');
      expect(await upload.getAttribute('aria-label')).toBe(lang === 'zh' ? '上传文件' : 'Upload file');
      // Escape closes the chat and gives the focus back to the launcher.
      await p.keyboard.press('Escape');
      await expect.poll(() => p.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('launcher');
      expect(await p.getByRole('button', { name: launcherName }).getAttribute('aria-expanded')).toBe('false');
      expect(problems).toEqual([]);
    });
  }

  it('WebSockets blocked by a proxy: the chat polls Direct Line (GET …/activities?watermark=) and the conversation works', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 } });
    contexts.push(context);
    const p = await context.newPage();
    const polls: string[] = [];
    p.on('request', (req) => {
      if (/\/v3\/directline\/conversations\/[^/]+\/activities\?watermark=/.test(req.url()) && req.method() === 'GET') polls.push(req.url());
    });
    await p.goto(`${blocked.url}/plain-en`);
    const t0 = Date.now();
    await p.getByRole('button', { name: 'Chat with us' }).click();
    await welcomed(p, 'Where is my order?');
    const firstMessageMs = Date.now() - t0;
    const box = chat(p).locator('[data-id="webchat-sendbox-input"]');
    await box.fill('Where is my order 112-7051384-2296640?');
    await box.press('Enter');
    await expect.poll(() => chat(p).locator('#asa-webchat').innerText(), { timeout: 15_000 }).toMatch(/email/i);
    await box.fill('marcus.johnson@example.net');
    await box.press('Enter');
    await expect.poll(() => chat(p).locator('#asa-webchat').innerText(), { timeout: 15_000 }).toMatch(/Carrier|Tracking number/);
    expect(polls.length).toBeGreaterThan(1);
    console.log(`WebSocket blocked: first bot message ${firstMessageMs} ms after the click, ${polls.length} polls`);
  });

  it('cold click → first bot message arrives on loopback (prints the figures; the 1 s target is bench/widget-cold-click.ts)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A fresh context each time: nothing cached, no stored conversation.
      const { page: p } = await open(`${server.url}/plain-en`, 'en-US');
      const t0 = Date.now();
      await p.getByRole('button', { name: 'Chat with us' }).click();
      await chat(p).locator('#asa-webchat p').first().waitFor({ timeout: 20_000 });
      times.push(Date.now() - t0);
      if (i === 0) await screenshot(p, 'desktop-en-chat');
    }
    times.sort((x, y) => x - y);
    // Most of the time is Chromium evaluating Web Chat (CPU, ~1 s of main-thread work on this VM whatever the server does):
    // a speed target in a test fails with the machine's load, so the figure is printed here and measured, with where the
    // time goes, by `npx tsx bench/widget-cold-click.ts`. The test holds what must never happen: a widget that does not
    // answer (the 20 s wait above) or one that takes several seconds on loopback.
    const loadPerCore = (loadavg()[0] ?? 0) / availableParallelism();
    console.log(`cold click → first bot message (ms): ${times.join(', ')}; median ${times[1]} (load per core ${loadPerCore.toFixed(1)})`);
    expect(times[1]).toBeLessThanOrEqual(6000);
  });
});
