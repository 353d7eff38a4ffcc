/**
 * Converts conversation records and transcript elements written by versions before the plain format
 * (preset-dictionary deflate, Brotli, the transcript codec's binary elements) into plain JSON, in
 * place, keeping eTags and expiry. Safe to run twice and while instances run: every rewrite is a
 * compare-and-set on the value it read, so a record a turn saved meanwhile is left alone.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LuaScript, type RedisCommander } from '../../src/state/redis-client.js';
import { packBuyerLines, packTranscriptLines } from '../../src/state/transcript-codec.js';
import type { TranscriptEntry } from '../../src/state/transcript-store.js';
import { unpackLegacyRecord } from './legacy-record.js';
import { unpackTranscriptLines as unpackLegacyLines } from './legacy-transcript-codec.js';

export interface MigrationCounts {
  records: number;
  transcriptElements: number;
}

// KEYS[1]; ARGV[1]: the value read, ARGV[2]: the new value. Replaced only if unchanged; TTL kept.
const REPLACE = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`);
// KEYS[1]: a list; ARGV: index, value read, new value (repeated). Appends never move earlier elements.
const REPLACE_ELEMENTS = new LuaScript(`
local n = 0
for i = 1, #ARGV, 3 do
  if redis.call('LINDEX', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('LSET', KEYS[1], ARGV[i], ARGV[i + 2])
    n = n + 1
  end
end
return n
`);

const ETAG_LENGTH = 16;

async function* scan(redis: RedisCommander, pattern: string): AsyncGenerator<string> {
  let cursor = '0';
  do {
    const [next, keys] = (await redis.sendCommand(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '500'])) as [string, string[]];
    cursor = next;
    yield* keys;
  } while (cursor !== '0');
}

/** A stored Redis item (eTag + JSON) in plain form, or undefined when it already is. */
function plainItem(stored: string): string | undefined {
  const record = unpackLegacyRecord(JSON.parse(stored.slice(ETAG_LENGTH)) as Record<string, unknown>);
  return record ? stored.slice(0, ETAG_LENGTH) + JSON.stringify(record) : undefined;
}

/** An element written by the old codec (binary, or `~` base64 text) in plain form; undefined when already plain. */
export function plainElement(raw: Buffer): string | undefined {
  const first = raw[0];
  const legacy = first !== undefined && (first <= 0x05 || first === 0x7e /* ~ */);
  if (!legacy) return undefined;
  const lines = unpackLegacyLines(raw) as TranscriptEntry[];
  if (first === 0x03) {
    const tag = raw.subarray(2, 2 + (raw[1] ?? 0)).toString('utf8');
    return packBuyerLines(tag, lines);
  }
  return packTranscriptLines(lines);
}

export async function migrateRedis(redis: RedisCommander, prefix: string): Promise<MigrationCounts> {
  const counts: MigrationCounts = { records: 0, transcriptElements: 0 };
  const base = prefix ? `${prefix}:` : '';
  for await (const key of scan(redis, `${base}{conv:*}:record`)) {
    const stored = await redis.sendCommand(['GET', key]);
    if (typeof stored !== 'string') continue;
    const plain = plainItem(stored);
    if (plain !== undefined) counts.records += Number(await REPLACE.run(redis, [key], [stored, plain]));
  }
  for await (const key of scan(redis, `${base}{conv:*}:transcript`)) {
    const elements = (await redis.sendCommand(['LRANGE', key, '0', '-1'], { buffers: true })) as Buffer[];
    const args: (string | Buffer)[] = [];
    elements.forEach((raw, i) => {
      const plain = plainElement(raw);
      if (plain !== undefined) args.push(String(i), raw, plain);
    });
    if (args.length > 0) counts.transcriptElements += Number(await REPLACE_ELEMENTS.run(redis, [key], args));
  }
  return counts;
}

/** Records of a FileStorage directory (`<DATA_DIR>/state`); stop the app first (it serialises writes itself). */
export async function migrateFiles(dir: string): Promise<MigrationCounts> {
  const counts: MigrationCounts = { records: 0, transcriptElements: 0 };
  const files = await readdir(dir).catch(() => []);
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const path = join(dir, file);
    const content = JSON.parse(await readFile(path, 'utf8')) as { key: string; value: Record<string, unknown> };
    const record = content.value && unpackLegacyRecord(content.value);
    if (!record) continue;
    await writeFile(`${path}.tmp`, JSON.stringify({ key: content.key, value: { ...record, eTag: content.value.eTag } }));
    await rename(`${path}.tmp`, path);
    counts.records++;
  }
  return counts;
}
