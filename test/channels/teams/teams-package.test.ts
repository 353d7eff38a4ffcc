import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { buildTeamsPackage, colorIcon, outlineIcon, renderManifest, validateManifest } from '../../../scripts/build-teams-package.js';

const dir = mkdtempSync(join(tmpdir(), 'teams-pkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { appId: '00000000-0000-4000-8000-000000000001', baseUrl: 'https://help.example.com' };

function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

/** Width, height and the RGBA bytes of our own PNGs (one IDAT, filter 0). */
function decodePng(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idatLen = buf.readUInt32BE(33);
  expect(buf.subarray(37, 41).toString('ascii')).toBe('IDAT');
  return { width, height, pixels: inflateSync(buf.subarray(41, 41 + idatLen)) };
}

describe('Teams app package', () => {
  it('builds a zip whose manifest validates against the official schema, with real icons', async () => {
    const out = join(dir, 'teams-app.zip');
    await buildTeamsPackage(options, out);
    const files = await unzip(out);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      id: options.appId,
      bots: [{ botId: options.appId }],
      staticTabs: [{ contentUrl: 'https://help.example.com/agent-tab' }],
      validDomains: ['help.example.com'],
      webApplicationInfo: { id: options.appId, resource: `api://help.example.com/${options.appId}` },
    });
    const color = decodePng(files.get('color.png') ?? Buffer.alloc(0));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png') ?? Buffer.alloc(0));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Outline icon: only white or fully transparent pixels (Teams rule).
    for (let i = 0; i < outline.pixels.length; i += 32 * 4 + 1) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = outline.pixels.subarray(i + 1 + x * 4, i + 5 + x * 4);
        expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
      }
    }
    expect(files.get('color.png')?.equals(colorIcon())).toBe(true);
    expect(files.get('outline.png')?.equals(outlineIcon())).toBe(true);
  });

  it('the validator catches a broken manifest', () => {
    const bad = { ...renderManifest(options), id: 'not-a-guid' };
    expect(validateManifest(bad).join('\n')).toMatch(/\/id/);
    const { bots: _b, ...noName } = renderManifest(options);
    expect(validateManifest({ ...noName, name: {} }).join('\n')).toMatch(/short/);
  });

  it('keeps the manifest JSON intact whatever the names contain', () => {
    const m = renderManifest({ ...options, shortName: 'Desk "quoted" \\ name' });
    expect((m.name as { short: string }).short).toBe('Desk "quoted" \\ name');
    expect(readFileSync(join(dir, 'teams-app.zip')).length).toBeGreaterThan(500);
  });
});
