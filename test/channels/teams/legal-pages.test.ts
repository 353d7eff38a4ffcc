/** The privacy and terms pages the Teams manifest links to: served, bilingual, the seller's own text. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../src/http/server.js';
import { renderManifest } from '../../../scripts/build-teams-package.js';
import { testAssistant } from '../../support/assistant.js';
import { KeywordNlu } from '../../support/keyword-nlu.js';

let running: RunningServer;
let close: () => Promise<void>;
let sellerDir: string;

beforeAll(async () => {
  // A seller's own profile and legal texts, next to each other.
  sellerDir = mkdtempSync(join(tmpdir(), 'seller-'));
  cpSync('data/seller.json', join(sellerDir, 'seller.json'));
  cpSync('data/legal', join(sellerDir, 'legal'), { recursive: true });
  writeFileSync(join(sellerDir, 'legal', 'terms.en.html'), '<h1>House rules of {{sellerName}}</h1><p>Be kind.</p>');
  const assistant = await testAssistant({ sellerFile: join(sellerDir, 'seller.json') }, { nlu: new KeywordNlu() });
  running = await listen(assistant.app, 0, '127.0.0.1');
  close = async () => {
    await running.close();
    await assistant.close();
  };
});
afterAll(async () => {
  await close?.();
  rmSync(sellerDir, { recursive: true, force: true });
});

async function page(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; lang: string | null }> {
  const res = await fetch(`${running.url}${path}`, { headers });
  return { status: res.status, text: await res.text(), lang: res.headers.get('content-language') };
}

describe('privacy and terms pages', () => {
  it('the manifest links answer 200 in English and Chinese, with the shop name', async () => {
    const manifest = renderManifest({ appId: '00000000-0000-4000-8000-000000000001', baseUrl: 'https://help.example.com' }) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      const path = new URL(url).pathname;
      const en = await page(`${path}?lang=en`);
      expect(en.status, path).toBe(200);
      expect(en.lang).toBe('en');
      expect(en.text).toContain('Northwind Outfitters');
      expect(en.text).not.toContain('{{sellerName}}');
      const zh = await page(path, { 'accept-language': 'zh-CN,zh;q=0.9' });
      expect(zh.status).toBe(200);
      expect(zh.lang).toBe('zh-CN');
      expect(zh.text).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(zh.text).toContain(`href="${path}?lang=en"`);
    }
    expect((await page('/privacy?lang=zh')).text).toContain('隐私声明');
  });

  it("serves the seller's own edited text", async () => {
    const terms = await page('/terms?lang=en');
    expect(terms.text).toContain('<h1>House rules of Northwind Outfitters</h1>');
    expect(terms.text).not.toContain('Fair use');
  });
});
