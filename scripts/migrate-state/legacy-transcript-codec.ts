/**
 * Stored form of transcript lines on Redis. A transcript is most of what a conversation keeps
 * (the bot's sentences are long), so the lines one append writes (a turn's bot replies, or the
 * buyer's message) are one list element: a JSON array of compact tuples
 * `[epochMs, sender, text, key?, activityId?, extra?]` (the time as given when it is no plain ISO time), deflated with a preset dictionary of the
 * bot's own sentences in the turn's language when that is smaller (a lone "yes" is not), stored
 * as bytes. A 4-turn track conversation goes from ~1.3 KB of JSON lines to ~0.5 KB. An element that
 * holds a buyer's message starts with a mark naming its activity (`buyerLineMark`), so a redelivered
 * message is recognised on the server. Elements written earlier as one plain JSON object per line
 * still read.
 */
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { DEFLATE_MEM_LEVEL } from './deflate-level.js';
import type { TranscriptEntry } from '../../src/state/transcript-store.js';

/** Dictionaries by `<version><language>`; a released file is never changed (scripts/build-transcript-dictionaries.ts). */
const DICTIONARIES: Record<string, Buffer> = {
  '1e': readFileSync(new URL('./transcript-dictionary.v1.en.txt', import.meta.url)),
  '1z': readFileSync(new URL('./transcript-dictionary.v1.zh.txt', import.meta.url)),
};
const PACKED = /^~(\d+[a-z]):(.*)$/s;
const HAN = /\p{Script=Han}/u;
const SENDER_CODES: Record<TranscriptEntry['from'], string> = { buyer: 'u', bot: 'b', agent: 'a', system: 's' };
const SENDERS: Record<string, TranscriptEntry['from']> = { u: 'buyer', b: 'bot', a: 'agent', s: 'system' };

type Tuple = [number | string, string, string, (string | 0)?, (string | 0)?, Record<string, unknown>?];

/** Epoch ms where that gives the same string back (the usual ISO time), else the string as it was. */
function compactTime(at: string): number | string {
  const ms = Date.parse(at);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === at ? ms : at;
}

function toTuple(entry: TranscriptEntry): Tuple {
  const { at, from, text, key, activityId, ...extra } = entry;
  const tuple: Tuple = [compactTime(at), SENDER_CODES[from], text, key ?? 0, activityId ?? 0];
  if (Object.keys(extra).length > 0) tuple.push(extra);
  // Trailing "absent" markers cost bytes on every line.
  while (tuple.length > 3 && tuple.at(-1) === 0) tuple.pop();
  return tuple;
}

/** A tuple back to the object form the store validates (legacy elements are already objects). */
function fromTuple(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const [ms, code, text, key, activityId, extra] = value as unknown[];
  const at = typeof ms === 'number' ? new Date(ms).toISOString() : ms;
  return {
    ...(typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? extra : {}),
    at,
    from: typeof code === 'string' ? SENDERS[code] : undefined,
    text,
    ...(typeof key === 'string' ? { key } : {}),
    ...(typeof activityId === 'string' ? { activityId } : {}),
  };
}

/**
 * Packed elements are bytes (Redis strings are binary-safe; base64 would add a third): one format
 * byte naming the dictionary, then the raw deflate stream. JSON elements start with `[` or `{` and
 * earlier packed ones with `~`, so the first byte tells the three apart.
 */
const FORMAT_BYTES: Record<string, number> = { '1e': 0x01, '1z': 0x02 };
const FORMAT_OF_BYTE: Record<number, string> = { 0x01: '1e', 0x02: '1z' };

/**
 * Buyer lines are short and not the bot's sentences: deflating one saves ~12 bytes and costs ~40 µs
 * (zlib hashes the whole 20 KB dictionary first), so only longer ones are tried.
 */
const BUYER_DEFLATE_MIN_BYTES = 100;
/** Format byte of an element that starts with a buyer line marked with its activity tag. */
const BUYER_MARKED = 0x03;

/**
 * Keyed elements (the bot's lines): format byte 0x04 (English) or 0x05 (Chinese), the number of
 * lines, then per line the index of its reply key in the frozen sentence table
 * (`transcript-templates.v2.<lang>.json`, scripts/build-transcript-templates.ts; 2 bytes, 0xffff for
 * a line without a key there, whose key then stays in the line), then the lines deflated without
 * those keys, with the keys' sentences as the preset dictionary. A reply is mostly its key's
 * sentence, so this packs as small as the whole v1 book does while zlib hashes a few hundred bytes
 * of dictionary instead of 20 KB (~10 µs per pack instead of ~40 µs).
 */
interface SentenceTable {
  sentences: string[];
  index: Map<string, number>;
  keys: string[];
}
function sentenceTable(file: string): SentenceTable {
  const table = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, string>;
  const keys = Object.keys(table);
  return { keys, sentences: keys.map((k) => table[k] ?? ''), index: new Map(keys.map((k, i) => [k, i])) };
}
const TABLES: Record<string, SentenceTable> = {
  e: sentenceTable('./transcript-templates.v2.en.json'),
  z: sentenceTable('./transcript-templates.v2.zh.json'),
};
const KEYED_FORMAT_BYTES: Record<string, number> = { e: 0x04, z: 0x05 };
const KEYED_OF_BYTE: Record<number, string> = { 0x04: 'e', 0x05: 'z' };
const NO_KEY = 0xffff;
/** What every bot tuple starts with, nearest the data. */
const TUPLE_SHAPE = '\n[[1764590000000,"b","';

/** The preset dictionary of a keyed element: its keys' sentences (each once), then the tuple shape. */
function keyedDictionary(table: SentenceTable, indices: readonly number[]): Buffer {
  const sentences = [...new Set(indices)].flatMap((i) => (i === NO_KEY ? [] : [table.sentences[i] ?? '']));
  return Buffer.from(sentences.join('\n') + TUPLE_SHAPE, 'utf8');
}

/** `entries` as a keyed element, or undefined when none of their keys is in the table. */
function packKeyed(entries: readonly TranscriptEntry[], id: string): Buffer | undefined {
  const table = TABLES[id];
  if (!table || entries.length > 255) return undefined;
  const indices = entries.map((e) => (e.key === undefined ? NO_KEY : (table.index.get(e.key) ?? NO_KEY)));
  if (indices.every((i) => i === NO_KEY)) return undefined;
  const json = JSON.stringify(entries.map((e, i) => (indices[i] === NO_KEY ? toTuple(e) : toTuple({ ...e, key: undefined }))));
  const deflated = zlib.deflateRawSync(json, { dictionary: keyedDictionary(table, indices), memLevel: DEFLATE_MEM_LEVEL });
  const packed = Buffer.allocUnsafe(2 + 2 * indices.length + deflated.length);
  packed[0] = KEYED_FORMAT_BYTES[id] ?? 0;
  packed[1] = indices.length;
  indices.forEach((index, i) => packed.writeUInt16BE(index, 2 + 2 * i));
  deflated.copy(packed, 2 + 2 * indices.length);
  return packed;
}

function unpackKeyed(raw: Buffer, id: string): unknown[] {
  const table = TABLES[id];
  const count = raw[1] ?? 0;
  if (!table || raw.length < 2 + 2 * count) return [];
  const indices = Array.from({ length: count }, (_, i) => raw.readUInt16BE(2 + 2 * i));
  if (indices.some((i) => i !== NO_KEY && i >= table.keys.length)) return [];
  const lines = tuples(zlib.inflateRawSync(raw.subarray(2 + 2 * count), { dictionary: keyedDictionary(table, indices) }).toString('utf8'));
  if (lines.length !== count) return [];
  return lines.map((line, i) => {
    const index = indices[i] ?? NO_KEY;
    return index !== NO_KEY && typeof line === 'object' && line !== null ? { ...line, key: table.keys[index] } : line;
  });
}

/**
 * One list element holding `entries`: plain JSON text when that is not bigger, else packed bytes
 * (keyed when their keys are in the table, else with the v1 dictionary).
 */
export function packTranscriptLines(entries: readonly TranscriptEntry[], options: { deflateMinBytes?: number } = {}): string | Buffer {
  const json = JSON.stringify(entries.map(toTuple));
  if (options.deflateMinBytes !== undefined && json.length < options.deflateMinBytes) return json;
  const han = HAN.test(json);
  const keyed = packKeyed(entries, han ? 'z' : 'e');
  if (keyed) return Buffer.byteLength(json) <= keyed.length ? json : keyed;
  const id = han ? '1z' : '1e';
  const deflated = zlib.deflateRawSync(json, { dictionary: DICTIONARIES[id], memLevel: DEFLATE_MEM_LEVEL });
  if (Buffer.byteLength(json) <= deflated.length + 1) return json;
  const packed = Buffer.allocUnsafe(deflated.length + 1);
  packed[0] = FORMAT_BYTES[id] ?? 0;
  deflated.copy(packed, 1);
  return packed;
}

/**
 * The start of an element holding the buyer line of activity `tag`: the format byte, the tag's length
 * and the tag. A script on Redis compares the last elements' starts with it, so a redelivery's line is
 * recognised without reading and inflating the elements here.
 */
export function buyerLineMark(tag: string): Buffer {
  const bytes = Buffer.from(tag, 'utf8');
  if (bytes.length === 0 || bytes.length > 255) throw new Error('transcript: activity tag must be 1-255 bytes');
  return Buffer.concat([Buffer.from([BUYER_MARKED, bytes.length]), bytes]);
}

/**
 * One element holding the buyer line of activity `tag` (`entries[0]`) and any lines sent with it:
 * the mark, then the lines packed as usual. The tag is in the mark, so buyer lines of that activity do
 * not repeat it (it is put back when read).
 */
export function packBuyerLines(tag: string, entries: readonly TranscriptEntry[]): Buffer {
  const lines = entries.map((e) => (e.from === 'buyer' && e.activityId === tag ? withoutActivityId(e) : e));
  const packed = packTranscriptLines(lines, { deflateMinBytes: BUYER_DEFLATE_MIN_BYTES });
  return Buffer.concat([buyerLineMark(tag), Buffer.isBuffer(packed) ? packed : Buffer.from(packed, 'utf8')]);
}

function withoutActivityId(entry: TranscriptEntry): TranscriptEntry {
  const { activityId: _activityId, ...rest } = entry;
  return rest;
}

/** A marked element's lines, its buyer lines given the mark's activity tag back. */
function unpackMarked(raw: Buffer): unknown[] {
  const length = raw[1] ?? 0;
  const tag = raw.subarray(2, 2 + length).toString('utf8');
  return unpackTranscriptLines(raw.subarray(2 + length)).map((line) =>
    typeof line === 'object' && line !== null && (line as { from?: unknown }).from === 'buyer' && (line as { activityId?: unknown }).activityId === undefined
      ? { ...line, activityId: tag }
      : line,
  );
}

/**
 * The lines of one stored element, not yet validated (the store checks each): a packed or plain
 * tuple array gives its lines, a legacy element its one object; an element that cannot be read
 * gives none (it is skipped, not fatal). Takes the stored bytes, or text for JSON and `~` elements.
 */
export function unpackTranscriptLines(raw: string | Buffer): unknown[] {
  try {
    if (Buffer.isBuffer(raw)) {
      if (raw[0] === BUYER_MARKED) return unpackMarked(raw);
      const keyed = KEYED_OF_BYTE[raw[0] ?? -1];
      if (keyed) return unpackKeyed(raw, keyed);
      const format = FORMAT_OF_BYTE[raw[0] ?? -1];
      if (!format) return unpackTranscriptLines(raw.toString('utf8'));
      const dictionary = DICTIONARIES[format];
      if (!dictionary) return [];
      return tuples(zlib.inflateRawSync(raw.subarray(1), { dictionary }).toString('utf8'));
    }
    const packed = PACKED.exec(raw);
    if (!packed) {
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.map(fromTuple) : [value];
    }
    // Written as base64 text before elements were stored as bytes.
    const dictionary = DICTIONARIES[packed[1] ?? ''];
    if (!dictionary) return [];
    return tuples(zlib.inflateRawSync(Buffer.from(packed[2] ?? '', 'base64'), { dictionary }).toString('utf8'));
  } catch {
    return [];
  }
}

function tuples(json: string): unknown[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(fromTuple) : [];
}
