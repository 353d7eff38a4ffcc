/**
 * Builds the Teams app package (manifest.json + two icons in a zip) from the app's configuration
 * and validates the manifest against Microsoft's JSON schema shipped in @microsoft/app-manifest,
 * offline. Usage: `npm run teams:package -- [--out teams-app.zip] [--version 1.0.0] [--name Name]`
 * (app id and public URL come from MicrosoftAppId / PUBLIC_BASE_URL through src/config.ts).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import { parseArgs } from 'node:util';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import yazl from 'yazl';
import { loadConfig } from '../src/config.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// CommonJS packages: under NodeNext their ES default import is `module.exports`, the class is `.default`.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
export const MANIFEST_VERSION = '1.19';

export interface PackageOptions {
  /** Bot/app id (Azure Bot registration); also the tab's SSO client id. */
  appId: string;
  /** https://host[:port] the app is served at (tab URL, valid domain, SSO resource). */
  baseUrl: string;
  version?: string;
  shortName?: string;
  developerName?: string;
}

/** Fills the template; placeholder values are JSON-escaped so a name cannot break the JSON. */
export function renderManifest(options: PackageOptions): Record<string, unknown> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const values: Record<string, string> = {
    appId: options.appId,
    baseUrl: base,
    host: new URL(base).host,
    version: options.version ?? '1.0.0',
    shortName: options.shortName ?? 'After-sales desk',
    developerName: options.developerName ?? 'After-sales assistant',
  };
  const template = readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8');
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`manifest template: unknown placeholder ${key}`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

/** Errors from Microsoft's manifest schema (empty = valid). */
export function validateManifest(manifest: unknown): string[] {
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

// --- PNG icons, drawn here so the package needs no image files or tools ---

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A speech bubble with a tail, in unit coordinates (0..1). */
function inBubble(u: number, v: number): boolean {
  const body = u >= 0.18 && u <= 0.82 && v >= 0.22 && v <= 0.66;
  const tail = v > 0.66 && v <= 0.82 && u >= 0.3 && u <= 0.3 + (0.82 - v) * 1.2;
  return body || tail;
}

/** Color icon 192x192: white bubble on the accent colour (full bleed, as Teams asks). */
export function colorIcon(): Buffer {
  return png(192, (x, y) => (inBubble(x / 192, y / 192) ? [255, 255, 255, 255] : [0x46, 0x47, 0x75, 255]));
}

/** Outline icon 32x32: white outline on transparent (Teams requires only white + transparency). */
export function outlineIcon(): Buffer {
  const n = 32;
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < n && y < n && inBubble((x + 0.5) / n, (y + 0.5) / n);
  return png(n, (x, y) => {
    const edge = at(x, y) && (!at(x - 1, y) || !at(x + 1, y) || !at(x, y - 1) || !at(x, y + 1));
    return edge ? [255, 255, 255, 255] : [0, 0, 0, 0];
  });
}

/** Writes the zip; throws with the schema errors when the manifest is invalid. */
export async function buildTeamsPackage(options: PackageOptions, outPath: string): Promise<{ manifest: Record<string, unknown>; outPath: string }> {
  const manifest = renderManifest(options);
  const errors = validateManifest(manifest);
  if (errors.length > 0) throw new Error(`Teams manifest does not validate:\n${errors.join('\n')}`);
  const zip = new yazl.ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z'); // reproducible zips
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { mtime });
  zip.addBuffer(colorIcon(), 'color.png', { mtime });
  zip.addBuffer(outlineIcon(), 'outline.png', { mtime });
  zip.end();
  await new Promise<void>((done, fail) => {
    const out = createWriteStream(outPath);
    out.on('close', done);
    out.on('error', fail);
    zip.outputStream.on('error', fail).pipe(out);
  });
  return { manifest, outPath };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, version: { type: 'string' }, name: { type: 'string' }, developer: { type: 'string' } } });
  const config = loadConfig();
  if (!config.microsoftAppId || !config.publicBaseUrl?.startsWith('https://')) {
    throw new Error('Set MicrosoftAppId and an https PUBLIC_BASE_URL (Teams loads the tab and reaches the bot there).');
  }
  const out = resolve(values.out ?? 'teams-app.zip');
  await buildTeamsPackage(
    {
      appId: config.microsoftAppId,
      baseUrl: config.publicBaseUrl,
      ...(values.version ? { version: values.version } : {}),
      ...(values.name ? { shortName: values.name } : {}),
      ...(values.developer ? { developerName: values.developer } : {}),
    },
    out,
  );
  console.log(`Teams app package written to ${out} (manifest ${MANIFEST_VERSION}, validated)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
