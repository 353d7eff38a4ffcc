import { describe, expect, it } from 'vitest';
import { packTranscriptLines, unpackTranscriptLines } from '../../src/state/transcript-codec.js';
import type { TranscriptEntry } from '../../src/state/transcript-store.js';

const turn = (text: string, reply: string, key: string): TranscriptEntry[] => [
  { at: '2026-12-01T08:59:03.226Z', from: 'buyer', text, activityId: 'a1' },
  { at: '2026-12-01T08:59:03.233Z', from: 'bot', text: reply, key },
];

describe('stored transcript lines', () => {
  it.each([
    ['en', turn('where is my order 112-7051384-2296640', "Thanks! To make sure it's your order, please tell me the email address or the postal code the order was shipped to.", 'verify:askDetail')],
    ['zh', turn('我的订单112-7051384-2296640到哪了', '好的！为了确认是您本人的订单，请告诉我下单时填写的邮箱地址，或者收货地址的邮政编码。', 'verify:askDetail')],
  ])('packs a %s turn into one element that reads back the same, much smaller than its JSON', (_lang, lines) => {
    const packed = packTranscriptLines(lines);
    expect(unpackTranscriptLines(packed)).toEqual(lines);
    const plainBytes = lines.reduce((n, l) => n + Buffer.byteLength(JSON.stringify(l)), 0);
    expect(Buffer.byteLength(packed)).toBeLessThan(plainBytes * 0.6);
  });

  it('keeps what a buyer line carries besides its text (photos, the over-long marker), and a line deflate cannot shrink stays plain JSON', () => {
    const line: TranscriptEntry = { at: '2026-12-01T09:00:00.000Z', from: 'buyer', text: 'yes', activityId: 'a9', photos: ['https://x/p.png'], truncatedFrom: 5000 };
    const stored = packTranscriptLines([line]);
    expect(Buffer.byteLength(stored)).toBeLessThan(Buffer.byteLength(JSON.stringify(line)));
    // A line that deflate cannot shrink (no dictionary words) stays plain JSON text.
    const plain = packTranscriptLines([{ at: '2026-12-01T09:00:00.000Z', from: 'buyer', text: 'x7Qz' }]);
    expect(plain).toBe(`[[${Date.parse("2026-12-01T09:00:00.000Z")},"u","x7Qz"]]`);
    expect(unpackTranscriptLines(stored)).toEqual([line]);
  });

  it('packs lines whose keys are not in the sentence table with the v1 book (a format byte, then raw deflate), and still reads the base64 text elements written before', () => {
    // A key added to the locales after the table was frozen.
    const lines = turn('where is my order 112-7051384-2296640', "Thanks! To make sure it's your order, please tell me the email address or the postal code the order was shipped to.", 'verify:addedLater');
    const packed = packTranscriptLines(lines);
    if (!Buffer.isBuffer(packed)) throw new Error('expected bytes');
    expect(packed[0]).toBe(0x01);
    const zh = packTranscriptLines(turn('我的订单到哪了', '好的！为了确认是您本人的订单，请告诉我下单时填写的邮箱地址，或者收货地址的邮政编码。', 'verify:addedLater'));
    expect(Buffer.isBuffer(zh) && zh[0]).toBe(0x02);
    // The same lines as the earlier base64 text element: the bytes are a quarter smaller.
    const legacy = `~1e:${packed.subarray(1).toString('base64')}`;
    expect(unpackTranscriptLines(legacy)).toEqual(lines);
    expect(unpackTranscriptLines(Buffer.from(legacy))).toEqual(lines);
    expect(packed.length).toBeLessThan(Buffer.byteLength(legacy) * 0.8);
  });

  it.each([
    ['en', "Thanks! To make sure it's your order, please tell me the email address or the postal code the order was shipped to.", 0x04],
    ['zh', '好的！为了确认是您本人的订单，请告诉我下单时填写的邮箱地址，或者收货地址的邮政编码。', 0x05],
  ] as const)('packs %s bot lines with their own keys’ sentences as the dictionary: key indices in a header, no bigger than with the whole book', (_lang, reply, format) => {
    const lines: TranscriptEntry[] = [
      { at: '2026-12-01T08:59:03.233Z', from: 'bot', text: reply, key: 'verify:askDetail' },
      { at: '2026-12-01T08:59:03.233Z', from: 'bot', text: 'a line of a key not in the table', key: 'x:addedLater' },
      { at: '2026-12-01T08:59:03.234Z', from: 'system', text: 'handed over' },
    ];
    const packed = packTranscriptLines(lines);
    if (!Buffer.isBuffer(packed)) throw new Error('expected bytes');
    expect(packed[0]).toBe(format);
    expect(packed[1]).toBe(3);
    // Each line's key as its index in the table; 0xffff: not in it (the key stays in the line).
    expect(packed.readUInt16BE(2)).toBeLessThan(1000);
    expect([packed.readUInt16BE(4), packed.readUInt16BE(6)]).toEqual([0xffff, 0xffff]);
    expect(unpackTranscriptLines(packed)).toEqual(lines);
    // The same lines under a key the table does not know go to the v1 book: no bigger with the table.
    const book = packTranscriptLines(lines.map((l) => (l.key === 'verify:askDetail' ? { ...l, key: 'verify:addedLater' } : l)));
    expect(Buffer.isBuffer(book) && book[0]).toBe(format === 0x04 ? 0x01 : 0x02);
    // The index header costs 2 bytes a line; the table's sentence pays for it on the line it names.
    expect(packed.length).toBeLessThanOrEqual(book.length + 2 * lines.length);
    const alone = packTranscriptLines(lines.slice(0, 1));
    const aloneInBook = packTranscriptLines([{ ...lines[0]!, key: 'verify:addedLater' }]);
    expect(alone.length).toBeLessThan(aloneInBook.length);
    // Damaged: a wrong line count or a cut stream reads as nothing, not as wrong lines.
    expect(unpackTranscriptLines(Buffer.concat([Buffer.from([format, 2]), packed.subarray(2)]))).toEqual([]);
    expect(unpackTranscriptLines(packed.subarray(0, packed.length - 6))).toEqual([]);
  });

  it('reads lines stored before packing (one JSON object per element)', () => {
    const legacy = { at: '2026-12-01T08:59:03.207Z', from: 'buyer', text: 'hello', activityId: 'a0' };
    expect(unpackTranscriptLines(JSON.stringify(legacy))).toEqual([legacy]);
  });

  it('skips an element it cannot read instead of failing the whole transcript', () => {
    expect(unpackTranscriptLines('~1e:not-deflate')).toEqual([]);
    expect(unpackTranscriptLines('~9x:AAAA')).toEqual([]);
    expect(unpackTranscriptLines('{broken')).toEqual([]);
    expect(unpackTranscriptLines(Buffer.from([0x01, 0xff, 0x00]))).toEqual([]);
    expect(unpackTranscriptLines(Buffer.from([0x07, 0x01]))).toEqual([]);
  });
});
