/**
 * `tsx scripts/build-transcript-dictionaries.ts <version>`: writes the preset deflate dictionaries
 * that stored transcript lines are compressed with (src/state/transcript-codec.ts), one per
 * language, from the bot's sentences in locales/. A released dictionary is never rewritten (old
 * lines name the one they were packed with), so this refuses an existing version: after a large
 * wording change, build the next version and make it the codec's current one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const version = Number(process.argv[2]);
if (!Number.isInteger(version) || version < 1) {
  console.error('usage: tsx scripts/build-transcript-dictionaries.ts <version>');
  process.exit(2);
}
// Least used first: deflate reaches the end of a dictionary with the shortest distances.
const NAMESPACES = ['limits', 'faq', 'complaint', 'address', 'handoff', 'cancel', 'returns', 'track', 'verify', 'common'];
/** zlib only looks back 32 KiB. */
const WINDOW = 32 * 1024;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

for (const lang of ['en', 'zh']) {
  const file = join('src', 'state', `transcript-dictionary.v${version}.${lang}.txt`);
  if (existsSync(file)) {
    console.error(`${file} exists: released dictionaries are never rewritten`);
    process.exit(1);
  }
  const sentences = NAMESPACES.flatMap((ns) => strings(JSON.parse(readFileSync(join('locales', lang, `${ns}.json`), 'utf8'))));
  // The shape every stored line has, last (closest).
  const skeleton = `[{"at":"2026-01-01T00:00:00.000Z","from":"buyer","text":"","activityId":""},{"at":"2026-01-01T00:00:00.000Z","from":"bot","text":"","key":"common:`;
  let body = Buffer.from(`${sentences.join('\n')}\n${skeleton}`, 'utf8');
  if (body.length > WINDOW) body = body.subarray(body.length - WINDOW);
  writeFileSync(file, body);
  console.log(`${file}: ${body.length} bytes`);
}
