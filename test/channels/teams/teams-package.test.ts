import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** Width, height and the RGBA pixels of an 8-bit RGBA PNG (all IDAT chunks, every row filter). */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  expect([buf[24], buf[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    if (buf.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      rgba[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return { width, height, rgba };
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
    // The newest manifest version the validator package ships, and every agent command listed.
    const shipped = readdirSync(join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams'))
      .filter((v) => /^v\d+\.\d+$/.test(v))
      .map((v) => v.slice(1))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    expect(manifest.manifestVersion).toBe(shipped.at(-1));
    const commands = (manifest.bots as { commandLists: { commands: { title: string }[] }[] }[])[0]?.commandLists[0]?.commands.map((c) => c.title);
    expect(commands?.sort()).toEqual(['accept', 'approve', 'canned', 'end', 'help', 'order', 'queue', 'transcript']);
    const color = decodePng(files.get('color.png') ?? Buffer.alloc(0));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(files.get('outline.png') ?? Buffer.alloc(0));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Outline icon: white only, on transparency (Teams rule); its edges are anti-aliased, not jagged.
    const alphas: number[] = [];
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
      alphas.push(a ?? 0);
    }
    expect(alphas.filter((a) => a > 0 && a < 255).length).toBeGreaterThan(20);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(20);
    // Colour icon: full bleed (opaque everywhere), with blended edge pixels between the two colours.
    const colours = new Set<string>();
    for (let i = 0; i < color.rgba.length; i += 4) {
      expect(color.rgba[i + 3]).toBe(255);
      colours.add(color.rgba.subarray(i, i + 3).toString('hex'));
    }
    expect(colours.size).toBeGreaterThan(10);
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
