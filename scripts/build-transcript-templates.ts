/**
 * `tsx scripts/build-transcript-templates.ts <version>`: writes the per-key sentence tables that the
 * bot's transcript lines are compressed with (src/state/transcript-codec.ts): for every reply key of
 * locales/<lang>/*.json, its sentence as written there (plural forms `key_one`, `key_other`… joined
 * under `key`). A line is deflated with the sentences of its own keys as the preset dictionary, a
 * few hundred bytes instead of the whole 20 KB book, so packing costs a quarter of the time.
 * A released table is never rewritten (stored lines name it), so this refuses an existing version;
 * keys added to the locales later are simply not in it (their lines pack without their sentence)
 * until a new version is built and made current.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const version = Number(process.argv[2]);
if (!Number.isInteger(version) || version < 1) {
  console.error('usage: tsx scripts/build-transcript-templates.ts <version>');
  process.exit(2);
}
const PLURAL = /_(zero|one|two|few|many|other)$/;

function collect(value: unknown, path: string, out: Map<string, string[]>): void {
  if (typeof value === 'string') {
    const key = path.replace(PLURAL, '');
    out.set(key, [...(out.get(key) ?? []), value]);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collect(v, path.endsWith(':') ? `${path}${k}` : `${path}.${k}`, out);
  }
}

for (const lang of ['en', 'zh']) {
  const file = join('src', 'state', `transcript-templates.v${version}.${lang}.json`);
  if (existsSync(file)) {
    console.error(`${file} exists: released tables are never rewritten`);
    process.exit(1);
  }
  const table = new Map<string, string[]>();
  for (const name of readdirSync(join('locales', lang)).filter((f) => f.endsWith('.json')).sort()) {
    collect(JSON.parse(readFileSync(join('locales', lang, name), 'utf8')), `${basename(name, '.json')}:`, table);
  }
  const out = Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.join('\n')]));
  writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${file}: ${table.size} keys, ${Buffer.byteLength(JSON.stringify(out))} bytes`);
}
