/**
 * The buyer's widget in real Chromium shows a person from the shop as that person: after an agent
 * accepts and replies (through the console tab's API, local mode), the agent's message carries the
 * agent's initials avatar and "name · support agent" in the buyer's language, while the bot's
 * messages keep the shop's avatar and no agent label. Screenshots go to SCREENS_DIR when set.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { testAssistant } from '../support/assistant.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { HandoffNlu } from '../channels/teams/harness.js';

let browser: Browser;
let running: RunningServer;
let app: Awaited<ReturnType<typeof testAssistant>>;
const contexts: BrowserContext[] = [];
const SCREENS = process.env.SCREENS_DIR;

beforeAll(async () => {
  browser = await launchChromium();
  app = await testAssistant({ widgetAllowedOrigins: ['*'], rateLimitIpPerMinute: 0 }, { nlu: new HandoffNlu() });
  running = await listen(app.app, 0, '127.0.0.1');
  app.setPublicBaseUrl(running.url);
  app.attach(running.server);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await running?.close();
  await app?.close();
});

/** The agent console's JSON API (local mode: the loopback caller is "Local agent"). */
async function desk(path: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${running.url}/agent-tab/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

const chat = (p: Page) => p.frameLocator('iframe[name="asa-chat"]').locator('#asa-webchat');
/** One activity as Web Chat lays it out (avatar, bubble, status line). */
const row = (p: Page, text: string) => chat(p).locator('.webchat__stacked-layout').filter({ hasText: text }).last();

async function screenshot(p: Page, name: string): Promise<void> {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(SCREENS, `${name}.png`) });
}

const CASES = [
  { lang: 'en', locale: 'en-US', open: 'Chat with us', ask: 'I need a human, the lamp is broken', words: 'We will send a new lamp today.', label: 'Local agent · Support agent' },
  { lang: 'zh', locale: 'zh-CN', open: '在线咨询', ask: '台灯坏了，我要人工客服', words: '我们今天就给您寄一盏新台灯。', label: 'Local agent · 人工客服' },
] as const;

describe('buyer widget: an agent shows as the agent (Chromium)', () => {
  for (const c of CASES) {
    for (const viewport of [
      { width: 1100, height: 800, name: 'desktop' },
      { width: 390, height: 844, name: 'mobile' },
    ]) {
      it(`${c.lang}, ${viewport.name}: the agent's reply has the agent's initials and "${c.label}"; the bot's messages keep the shop's avatar`, async () => {
        const context = await browser.newContext({ locale: c.locale, viewport: { width: viewport.width, height: viewport.height } });
        contexts.push(context);
        const p = await context.newPage();
        const problems: string[] = [];
        p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        p.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        await p.goto(`${running.url}/?lang=${c.lang}`);
        await p.getByRole('button', { name: c.open }).click();
        const box = chat(p).getByRole('textbox');
        await box.fill(c.ask);
        await box.press('Enter');

        let ticketId = '';
        await expect
          .poll(async () => {
            const mine = (await app.services.handoff.queue()).filter((t) => t.lang === c.lang);
            ticketId = mine[mine.length - 1]?.ticketId ?? '';
            return ticketId;
          }, { timeout: 15_000 })
          .not.toBe('');
        expect(await desk(`/tickets/${ticketId}/accept`, { requestId: `${ticketId}-accept` })).toMatchObject({ ok: true, delivered: true });
        expect(await desk(`/tickets/${ticketId}/reply`, { text: c.words, requestId: `${ticketId}-reply` })).toMatchObject({ ok: true, delivered: true });

        // The agent's message: the agent's initials beside it, their name and role under it.
        const agentRow = row(p, c.words);
        await agentRow.waitFor({ timeout: 10_000 });
        await expect.poll(() => agentRow.locator('.asa-agent-avatar').innerText()).toBe('LA');
        expect(await agentRow.locator('.asa-agent-avatar').isVisible()).toBe(true);
        expect(await agentRow.locator('.asa-agent-name').innerText()).toBe(c.label);
        expect(await agentRow.locator('.webchat__defaultAvatar').count()).toBe(0);

        // The bot's welcome and queue message: the shop's avatar (NO), no agent label.
        const botRows = chat(p).locator('.webchat__stacked-layout').filter({ has: p.locator('.webchat__defaultAvatar:not(.webchat__defaultAvatar--fromUser)') });
        await expect.poll(() => botRows.count()).toBeGreaterThan(0);
        expect(await botRows.first().locator('.webchat__defaultAvatar').innerText()).toBe('NO');
        expect(await chat(p).locator('.asa-agent-name').count()).toBe(1);
        expect(await chat(p).locator('.asa-agent-avatar').count()).toBe(1);
        // The bot speaks again after the agent: its group starts over with the shop's avatar.
        await desk(`/tickets/${ticketId}/end`, { requestId: `${ticketId}-end` });
        const after = row(p, c.lang === 'en' ? 'ended the chat' : '结束');
        await after.waitFor({ timeout: 10_000 });
        expect(await after.locator('.asa-agent-avatar').count()).toBe(0);
        expect(await after.locator('.asa-agent-name').count()).toBe(0);
        expect(await after.locator('.webchat__defaultAvatar').innerText()).toBe('NO');

        await screenshot(p, `agent-${c.lang}-${viewport.name}`);
        expect(problems).toEqual([]);
      }, 60_000);
    }
  }
});
