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
import { parseArgs } from 'node:util';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import yazl from 'yazl';
import { Resvg } from '@resvg/resvg-js';
import { loadConfig } from '../src/config.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// CommonJS packages: under NodeNext their ES default import is `module.exports`, the class is `.default`.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
/** The newest manifest schema @microsoft/app-manifest ships (besides the developer preview). */
export const MANIFEST_VERSION = '1.30';

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

// --- PNG icons, rendered from the SVG sources in manifest/ (anti-aliased at the exact size) ---

function renderSvg(file: string, size: number): Buffer {
  const svg = readFileSync(join(ROOT, 'manifest', file), 'utf8');
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

/** Color icon 192x192 from manifest/color.svg (full bleed, as Teams asks). */
export function colorIcon(): Buffer {
  return renderSvg('color.svg', 192);
}

/** Outline icon 32x32 from manifest/outline.svg (Teams allows only white and transparency). */
export function outlineIcon(): Buffer {
  return renderSvg('outline.svg', 32);
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
