/** The console tab in real headless Chromium, outside Teams: teams-js is not hosted → local mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { buyer, installInTeam, startHarness, type Harness } from '../channels/teams/harness.js';

let browser: Browser;
let h: Harness;
beforeAll(async () => {
  browser = await launchChromium();
  h = await startHarness();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('agent console tab (Chromium, local mode)', () => {
  it('shows the queue and the live transcript, and a reply reaches the buyer', async () => {
    await installInTeam(h);
    const b = buyer(h);
    await b.say('I need a human, the lamp is broken');
    await h.teams.idle();
    const ticketId = (await h.assistant.services.handoff.queue())[0]?.ticketId ?? '';
    expect(ticketId).toMatch(/^HO-/);

    const page = await browser.newPage({ locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${h.running.url}/agent-tab`);
    await page.locator('#banner').getByText('Local mode').waitFor();
    await page.locator('#who').getByText('Local agent').waitFor();
    const row = page.locator(`#queue li[data-ticket="${ticketId}"]`);
    await row.waitFor();
    await row.click();
    await page.locator('#transcript').getByText('I need a human, the lamp is broken').waitFor();

    await page.locator('#accept').click();
    await expect.poll(async () => (await h.assistant.services.handoff.get(ticketId))?.state).toBe('accepted');
    await expect.poll(() => b.keys()).toContain('handoff:agentJoined');

    await page.locator('#reply').fill('We will send a new lamp today.');
    await page.locator('#send').click();
    await expect.poll(() => b.texts()).toContain('Local agent: We will send a new lamp today.');

    // The buyer answers; polling brings it into the open transcript.
    await b.say('thank you!');
    await page.locator('#transcript').getByText('thank you!').waitFor();

    // A canned reply goes out in the buyer's language (key on the wire).
    await page.locator('#canned').selectOption('agent:canned.followUpEmail');
    await page.locator('#send-canned').click();
    await expect.poll(() => b.keys()).toContain('agent:canned.followUpEmail');

    // Order lookup.
    await page.locator('#order-id').fill('111-5820437-6619203');
    await page.locator('#lookup').click();
    await page.locator('#order').getByText('"status": "delivered"').waitFor();

    await page.locator('#end').click();
    await expect.poll(() => b.keys().at(-1)).toBe('handoff:ended');
    await page.screenshot({ path: '/tmp/agent-tab.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Chinese to a Chinese-locale agent', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${h.running.url}/agent-tab`);
    await page.locator('#title').getByText('客服工作台').waitFor();
    await page.locator('#banner').getByText('本地模式').waitFor();
    await page.close();
  });
});
