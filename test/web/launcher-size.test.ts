/** Page weight: the embed script before the chat opens (15 KB budget) and what opening it loads (450 KB). */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER_GZIP_BUDGET_BYTES } from '../../src/web/launcher-build.js';
import { CHAT_GZIP_BUDGET_BYTES } from '../../src/web/chat-build.js';
import { KeywordNlu } from '../support/keyword-nlu.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer;
beforeAll(async () => {
  server = await startWebServer({ overrides: { nlu: new KeywordNlu() } });
});
afterAll(async () => {
  await server?.close();
});

describe('launcher page weight', () => {
  it('serves /widget.js within 15 KB gzipped (prints the measured size)', async () => {
    const res = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const code = await res.text();
    const gzipped = gzipSync(code, { level: 9 }).byteLength;
    const built = await server.channels.launcher();
    expect(built.code).toBe(code);
    console.log(`launcher /widget.js: ${Buffer.byteLength(code)} bytes minified, ${gzipped} bytes gzipped (budget ${LAUNCHER_GZIP_BUDGET_BYTES})`);
    expect(gzipped).toBeLessThanOrEqual(LAUNCHER_GZIP_BUDGET_BYTES);
    // The launcher carries both languages' strings and nothing of Web Chat itself.
    expect(code).toContain('在线咨询');
    expect(code).toContain('Chat with us');
    expect(code).not.toMatch(/react/i);
  });

  it('opening the chat loads the frame page, its boot script and Web Chat, within 450 KB gzipped together (prints the figures)', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain('<script src="/widget.js"');
    const launcher = await server.channels.launcher();
    expect(launcher.code).toContain('/widget/chat');
    const page = await fetch(`${server.url}/widget/chat?lang=en`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    const pageHtml = await page.text();
    const scripts = [...pageHtml.matchAll(/src="(\/widget\/chat-[0-9a-f]{12}\.js)"/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    const scriptPath = scripts[1];
    const boot = await fetch(`${server.url}${scripts[0] ?? ''}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(boot.status).toBe(200);
    const script = await fetch(`${server.url}${scriptPath ?? ''}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
    const code = await script.text();
    const built = await server.channels.chatFrame();
    expect(code).toBe(built.code);
    expect(await boot.text()).toBe(built.boot.code);
    const pageGzip = gzipSync(pageHtml, { level: 9 }).byteLength;
    const bootGzip = gzipSync(built.boot.code, { level: 9 }).byteLength;
    const chatGzip = gzipSync(built.code, { level: 9 }).byteLength;
    const total = pageGzip + bootGzip + chatGzip;
    console.log(
      `chat frame: page ${pageGzip} B + boot ${bootGzip} B + Web Chat ${chatGzip} B gzipped = ${total} B (budget ${CHAT_GZIP_BUDGET_BYTES}); Web Chat ${Buffer.byteLength(code)} B minified`,
    );
    expect(total).toBeLessThanOrEqual(CHAT_GZIP_BUDGET_BYTES);
    // What was left out stays out: the speech SDK and the other languages' Web Chat strings.
    expect(code).not.toContain('microsoft-cognitiveservices-speech');
    expect(code).not.toContain('SpeechSynthesizer');
    expect(code).toContain('发送'); // zh-CN Web Chat strings are in
    expect(code).not.toContain('Senden'); // de-DE's are not
    // An unknown script name is not served.
    expect((await fetch(`${server.url}/widget/chat-000000000000.js`)).status).toBe(404);
  });
});
