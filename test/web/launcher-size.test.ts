/** Page weight before the chat opens: the embed script as served, gzipped, against its 15 KB budget. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER_GZIP_BUDGET_BYTES } from '../../src/web/launcher-build.js';
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

  it('serves the Web Chat bundle from this app, compressed and cacheable for good', async () => {
    const res = await fetch(`${server.url}/`);
    const html = await res.text();
    expect(html).toContain('<script src="/widget.js"');
    const launcher = await server.channels.launcher();
    const path = /\/widget\/webchat-[\d.]+\.js/.exec(launcher.code)?.[0];
    expect(path).toBeDefined();
    const bundle = await fetch(`${server.url}${path ?? ''}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toMatch(/immutable/);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });
});
