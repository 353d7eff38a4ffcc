/**
 * The console tab in real headless Chromium, outside Teams (teams-js finds no host → local mode),
 * next to a buyer on the real widget (demo page, Web Chat, self-hosted Direct Line): the default
 * composition, as `npm start` serves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { testAssistant } from '../support/assistant.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { HandoffNlu } from '../channels/teams/harness.js';

let browser: Browser;
let running: RunningServer;
let app: Awaited<ReturnType<typeof testAssistant>>;

beforeAll(async () => {
  browser = await launchChromium();
  app = await testAssistant({ widgetAllowedOrigins: ['*'], rateLimitIpPerMinute: 0 }, { nlu: new HandoffNlu() });
  running = await listen(app.app, 0, '127.0.0.1');
  app.setPublicBaseUrl(running.url);
  app.attach(running.server);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await app?.close();
});

/** A page that records every console error and uncaught exception. */
async function openPage(locale: 'en-US' | 'zh-CN', path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${running.url}${path}`);
  return { page, problems };
}

/** The buyer's chat frame (the launcher's shadow root holds the iframe), where Web Chat runs. */
function chat(page: Page) {
  return page.frameLocator('iframe[name="asa-chat"]').locator('#asa-webchat');
}

describe('agent console tab (Chromium, local mode) with a widget buyer', () => {
  it('queue rows are readable, Reply/Send appear only after Accept, a reply reaches the widget within 1 s, closed tickets stay in the history', async () => {
    const agent = await openPage('en-US', '/agent-tab');
    await agent.page.locator('#banner').getByText('Local mode').waitFor();
    await agent.page.locator('#who').getByText('Local agent').waitFor();
    // Nobody waiting yet.
    await agent.page.locator('#queue-empty').getByText('No buyer is waiting').waitFor();
    await agent.page.locator('#history-empty').getByText('No closed tickets yet.').waitFor();

    const buyer = await openPage('en-US', '/?lang=en');
    await buyer.page.getByRole('button', { name: 'Chat with us' }).click();
    const box = chat(buyer.page).getByRole('textbox');
    await box.fill('I need a human, the lamp is broken');
    await box.press('Enter');
    await expect.poll(async () => (await app.services.handoff.queue()).length, { timeout: 10_000 }).toBe(1);
    const ticketId = (await app.services.handoff.queue())[0]?.ticketId ?? '';

    const row = agent.page.locator(`#queue li[data-ticket="${ticketId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await agent.page.locator('#queue-empty').isHidden()).toBe(true);
    const rowText = await row.innerText();
    // Order, topic, language, waiting time, id: no raw codes.
    for (const part of ['no order', 'Asked for a person', 'English', 'waiting 0 min', ticketId]) expect(rowText).toContain(part);
    expect(rowText).not.toMatch(/\bqueued\b|\basked\b|\ben\b/);

    await row.getByRole('button').click();
    await agent.page.locator('#transcript').getByText('I need a human, the lamp is broken').waitFor();
    await agent.page.locator('#notice').getByText('Accept the ticket to reply to the buyer.').waitFor();
    expect(await agent.page.locator('#send').isVisible()).toBe(false);
    expect(await agent.page.locator('#reply').isVisible()).toBe(false);
    expect(await agent.page.locator('#end').isVisible()).toBe(false);

    await agent.page.locator('#accept').click();
    await agent.page.locator('#send').waitFor({ state: 'visible' });
    expect(await agent.page.locator('#accept').isVisible()).toBe(false);
    expect(await agent.page.locator('#notice').isVisible()).toBe(false);
    await expect.poll(() => chat(buyer.page).innerText(), { timeout: 5_000 }).toContain('Local agent from our team has joined the chat.');

    const words = 'We will send a new lamp today.';
    await agent.page.locator('#reply').fill(words);
    const sentAt = Date.now();
    await agent.page.locator('#send').click();
    await chat(buyer.page).getByText(words, { exact: true }).first().waitFor({ timeout: 5_000 });
    const shownAfterMs = Date.now() - sentAt;
    console.info(`agent reply shown to the buyer after ${shownAfterMs} ms`);
    expect(shownAfterMs).toBeLessThan(1000);
    // The widget gets the words alone, with the agent on the activity (not "Local agent: ..." under the bot).
    const stream = await app.transcripts.list((await app.services.handoff.get(ticketId))?.conversationId ?? '');
    expect(stream.some((e) => e.text === `Local agent: ${words}`)).toBe(true);
    expect(await chat(buyer.page).getByText(`Local agent: ${words}`).count()).toBe(0);

    // The buyer answers; polling brings it into the open transcript.
    await box.fill('thank you!');
    await box.press('Enter');
    await agent.page.locator('#transcript').getByText('thank you!').waitFor({ timeout: 10_000 });

    await agent.page.locator('#end').click();
    await agent.page.locator(`#history li[data-ticket="${ticketId}"]`).waitFor({ timeout: 5_000 });
    expect(await agent.page.locator(`#history li[data-ticket="${ticketId}"]`).innerText()).toMatch(/closed .*\d{1,2}:\d{2}/);
    await agent.page.locator('#queue-empty').getByText('No buyer is waiting').waitFor();
    // The closed ticket stays readable, without actions.
    await agent.page.locator(`#history li[data-ticket="${ticketId}"] button`).click();
    await agent.page.locator('#notice').getByText('This ticket is closed').waitFor();
    expect(await agent.page.locator('#send').isVisible()).toBe(false);
    expect(await agent.page.locator('#accept').isVisible()).toBe(false);
    await agent.page.locator('#transcript').getByText('thank you!').waitFor();

    await agent.page.screenshot({ path: '/tmp/agent-tab.png', fullPage: true });
    await buyer.page.screenshot({ path: '/tmp/agent-tab-buyer.png' });
    expect(agent.problems).toEqual([]);
    await agent.page.context().close();
    await buyer.page.context().close();
  }, 60_000);

  it('renders an order lookup for the agent (money, dates, what the policy allows now), in English and Chinese', async () => {
    for (const [locale, expected] of [
      ['en-US', ['Order 111-5820437-6619203', 'Delivered', 'Total', '$', 'What the policy allows now', 'Cancellable', 'Returnable until', 'Return window until']],
      ['zh-CN', ['订单 111-5820437-6619203', '已送达', '按政策目前可以', '能否取消', '不可以']],
    ] as const) {
      const agent = await openPage(locale, '/agent-tab');
      await agent.page.locator('#order-id').fill('111-5820437-6619203');
      await agent.page.locator('#lookup').click();
      await agent.page.locator('#order dl').first().waitFor();
      const shown = await agent.page.locator('#order').innerText();
      for (const part of expected) expect(shown, locale).toContain(part);
      // No raw JSON: no ISO dates, no minor units, no field names.
      expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T|"amount"|returnableNow|cancellable/);
      await agent.page.locator('#order-id').fill('999-0000000-0000000');
      await agent.page.locator('#lookup').click();
      await agent.page.locator('#order').getByText(locale === 'en-US' ? 'There is no order 999-0000000-0000000.' : '没有找到订单 999-0000000-0000000。').waitFor();
      if (locale === 'zh-CN') {
        await agent.page.locator('#title').getByText('客服工作台').waitFor();
        await agent.page.locator('#banner').getByText('本地模式').waitFor();
        await agent.page.locator('#queue-empty').getByText('目前没有买家在等待').waitFor();
        await agent.page.locator('#history-title').getByText('已结束的工单').waitFor();
        // The ticket closed in the first test, in Chinese: topic and language as labels, not codes.
        const closed = await agent.page.locator('#history li').first().innerText();
        expect(closed).toContain('要求人工服务');
        expect(closed).toContain('英语');
        expect(closed).toContain('结束');
      }
      expect(agent.problems).toEqual([]);
      await agent.page.context().close();
    }
  }, 60_000);
});
