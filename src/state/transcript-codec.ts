/**
 * Stored form of transcript lines on Redis. A transcript is most of what a conversation keeps
 * (the bot's sentences are long), so the lines one append writes (a turn: the buyer's message and
 * the bot's replies) are stored as one list element: their JSON deflated with a preset dictionary
 * of the bot's own sentences in the turn's language, in base64. A typical turn goes from ~450 bytes
 * of JSON to ~150. Elements written earlier as one plain JSON object per line still read.
 */
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';

/** Dictionaries by `<version><language>`; a released file is never changed (scripts/build-transcript-dictionaries.ts). */
const DICTIONARIES: Record<string, Buffer> = {
  '1e': readFileSync(new URL('./transcript-dictionary.v1.en.txt', import.meta.url)),
  '1z': readFileSync(new URL('./transcript-dictionary.v1.zh.txt', import.meta.url)),
};
const PACKED = /^~(\d+[a-z]):(.*)$/s;
const HAN = /\p{Script=Han}/u;

/** One list element holding `lines` (already JSON-able values). */
export function packTranscriptLines(lines: readonly unknown[]): string {
  const json = JSON.stringify(lines);
  const id = HAN.test(json) ? '1z' : '1e';
  const packed = `~${id}:${zlib.deflateRawSync(json, { dictionary: DICTIONARIES[id] }).toString('base64')}`;
  // A lone short line (a buyer's "yes") is smaller as it is.
  const plain = lines.length === 1 ? JSON.stringify(lines[0]) : undefined;
  return plain !== undefined && Buffer.byteLength(plain) <= Buffer.byteLength(packed) ? plain : packed;
}

/**
 * The lines of one stored element, not yet validated: a packed element gives its array, a legacy
 * element its one object; an element that cannot be read gives none (it is skipped, not fatal).
 */
export function unpackTranscriptLines(raw: string): unknown[] {
  try {
    const packed = PACKED.exec(raw);
    if (!packed) return [JSON.parse(raw) as unknown];
    const dictionary = DICTIONARIES[packed[1] ?? ''];
    if (!dictionary) return [];
    const value: unknown = JSON.parse(zlib.inflateRawSync(Buffer.from(packed[2] ?? '', 'base64'), { dictionary }).toString('utf8'));
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
