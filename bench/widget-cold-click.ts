/**
 * Cold click → first bot message in the buyer widget, with where the time goes, in real Chromium on
 * loopback: `npx tsx bench/widget-cold-click.ts [runs] [hover ms before the click]`. Each run is a fresh browser context (nothing
 * cached, no stored conversation). Times are ms after the click, from the frame's performance
 * timeline (resource timing, the boot and chat scripts' marks) and a DOM observer for the first
 * message. Prints the load average: on a machine shared past its cores the figure says little.
 */
import { availableParallelism, loadavg } from 'node:os';
import { launchChromium } from '../test/support/chromium.js';
import { startWebServer } from '../test/web/web-server.js';

const RUNS = Number(process.argv[2] ?? 7);
/** ms the pointer rests on the launcher before the click (0: a click with no hover before it). */
const DWELL_MS = Number(process.argv[3] ?? 0);

/** In every frame: marks the moment Web Chat first shows a message paragraph. */
const OBSERVER = `
if (location.pathname.startsWith('/widget/chat')) {
  new MutationObserver((_, obs) => {
    if (document.querySelector('#asa-webchat p')) { performance.mark('asa:first-message'); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
}`;

/** The frame's timeline as epoch ms: its navigation, every resource, every mark. */
const TIMELINE = `(() => {
  const at = (ms) => performance.timeOrigin + ms;
  const out = { 'frame navigation start': at(0) };
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav) out['frame page received'] = at(nav.responseEnd);
  for (const r of performance.getEntriesByType('resource')) {
    const u = new URL(r.name);
    const name = u.pathname.startsWith('/widget/chat-') ? (r.encodedBodySize > 50000 ? 'chat.js' : 'boot.js') : u.pathname.replace(/conversations\\/[^/]+/, 'conversations/:id');
    out[name + ' start'] = at(r.startTime);
    out[name + ' end'] = at(r.responseEnd);
  }
  for (const m of performance.getEntriesByType('mark')) out['mark ' + m.name] = at(m.startTime);
  return out;
})()`;

interface Run {
  total: number;
  steps: Record<string, number>;
}

async function main(): Promise<void> {
  const server = await startWebServer({ pages: { '/plain': '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>shop</title></head><body><h1>Shop</h1><script src="/widget.js" defer></script></body></html>' } });
  await server.channels.chatFrame();
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript(OBSERVER);
      await page.goto(`${server.url}/plain`);
      const launcher = page.getByRole('button', { name: 'Chat with us' });
      await launcher.waitFor();
      // Main-thread time of the page's renderer (the frame shares it): CPU the buyer waits for.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const mainThread = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
        return { script: get('ScriptDuration'), task: get('TaskDuration') };
      };
      const before = await mainThread();
      if (DWELL_MS > 0) {
        // The pointer rests on the launcher first, as a buyer's does before clicking.
        await launcher.hover();
        await page.waitForTimeout(DWELL_MS);
      }
      const clickedAt = await page.evaluate<number>(
        `new Promise((resolve) => { const b = document.getElementById('asa-widget').shadowRoot.getElementById('launcher'); const t = performance.timeOrigin + performance.now(); b.click(); resolve(t); })`,
      );
      const frame = page.frameLocator('iframe[name="asa-chat"]');
      await frame.locator('#asa-webchat p').first().waitFor({ timeout: 20_000 });
      const after = await mainThread();
      const f = page.frame({ name: 'asa-chat' });
      if (!f) throw new Error('no chat frame');
      // As source text: tsx would wrap named functions in a helper that does not exist in the page.
      const timeline = await f.evaluate<Record<string, number>>(TIMELINE);
      await context.close();
      if (i === 0) continue; // warm-up: Chromium's own first start
      const first = timeline['mark asa:first-message'] ?? Number.NaN;
      const steps = Object.fromEntries(Object.entries(timeline).map(([k, v]) => [k, Math.round(v - clickedAt)]));
      steps['main thread: script (ms of work, not a time)'] = Math.round(after.script - before.script);
      steps['main thread: all tasks (ms of work, not a time)'] = Math.round(after.task - before.task);
      runs.push({ total: Math.round(first - clickedAt), steps });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  runs.sort((a, b) => a.total - b.total);
  const median = runs[Math.floor(runs.length / 2)];
  const load = loadavg();
  console.log(`hover before the click: ${DWELL_MS} ms`);
  console.log(`cold click → first bot message (ms): ${runs.map((r) => r.total).join(', ')}; median ${median?.total}`);
  console.log(`load average ${load.map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
  console.log('median run, ms after the click:');
  for (const [k, v] of Object.entries(median?.steps ?? {}).sort((a, b) => a[1] - b[1])) console.log(`  ${String(v).padStart(5)}  ${k}`);
}

await main();
