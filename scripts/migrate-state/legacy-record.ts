/** Reads conversation records packed by versions before the plain format (`v: 3` dictionary deflate, `v: 2` Brotli). */
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';

const DICTIONARIES: Record<number, Buffer> = { 1: readFileSync(new URL('./record-dictionary.v1.json', import.meta.url)) };

/** The record's JSON object for a packed item; undefined when the item is not packed (already plain). */
export function unpackLegacyRecord(item: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!('v' in item) || typeof item.z !== 'string') return undefined;
  const bytes = Buffer.from(item.z, 'base64');
  if (item.v === 3 && typeof item.d === 'number' && DICTIONARIES[item.d]) {
    return JSON.parse(zlib.inflateRawSync(bytes, { dictionary: DICTIONARIES[item.d] }).toString('utf8')) as Record<string, unknown>;
  }
  if (item.v === 2) return JSON.parse(zlib.brotliDecompressSync(bytes).toString('utf8')) as Record<string, unknown>;
  throw new Error(`conversation record format v${String(item.v)} is not known`);
}
