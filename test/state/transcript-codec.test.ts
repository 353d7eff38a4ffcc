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

  it('keeps what a buyer line carries besides its text (photos, the over-long marker), and a lone short line stays plain JSON', () => {
    const line: TranscriptEntry = { at: '2026-12-01T09:00:00.000Z', from: 'buyer', text: 'yes', activityId: 'a9', photos: ['https://x/p.png'], truncatedFrom: 5000 };
    const stored = packTranscriptLines([line]);
    expect(stored.startsWith('[')).toBe(true);
    expect(Buffer.byteLength(stored)).toBeLessThan(Buffer.byteLength(JSON.stringify(line)));
    expect(unpackTranscriptLines(stored)).toEqual([line]);
  });

  it('reads lines stored before packing (one JSON object per element)', () => {
    const legacy = { at: '2026-12-01T08:59:03.207Z', from: 'buyer', text: 'hello', activityId: 'a0' };
    expect(unpackTranscriptLines(JSON.stringify(legacy))).toEqual([legacy]);
  });

  it('skips an element it cannot read instead of failing the whole transcript', () => {
    expect(unpackTranscriptLines('~1e:not-deflate')).toEqual([]);
    expect(unpackTranscriptLines('~9x:AAAA')).toEqual([]);
    expect(unpackTranscriptLines('{broken')).toEqual([]);
  });
});
