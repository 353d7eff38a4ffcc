import { describe, expect, it } from 'vitest';
import { DirectLineTokens } from '../../../src/channels/direct-line/tokens.js';
import { checkPhoto, sniffPhotoType } from '../../../src/channels/direct-line/attachments.js';
import { createOriginPolicy } from '../../../src/channels/direct-line/origins.js';
import { mayBeWidgetConversationId, newConversationId } from '../../../src/channels/direct-line/context.js';

const SECRET = 'a-token-secret-that-is-at-least-32-bytes';

describe('DirectLineTokens', () => {
  it('round-trips the conversation, buyer and locale, and expires after its TTL', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    const tokens = new DirectLineTokens({ secret: SECRET, ttlSeconds: 120, now: () => now });
    const issued = await tokens.issue({ conversationId: 'conv-1234', userId: 'dl_buyer', locale: 'zh-CN' });
    expect(issued.expiresIn).toBe(120);
    expect(await tokens.verify(issued.token)).toEqual({ conversationId: 'conv-1234', userId: 'dl_buyer', locale: 'zh-CN' });
    expect(await tokens.check(issued.token)).toEqual({
      claims: { conversationId: 'conv-1234', userId: 'dl_buyer', locale: 'zh-CN' },
      expiresAt: new Date('2026-03-01T10:02:00Z'),
    });
    expect(issued.expiresAt).toEqual(new Date('2026-03-01T10:02:00Z'));
    now = new Date('2026-03-01T10:02:00Z');
    expect(await tokens.verify(issued.token)).toBeUndefined();
    expect(await tokens.check(issued.token)).toBeUndefined();
  });

  it('rejects tokens signed with another key, garbage and oversized input', async () => {
    const mine = new DirectLineTokens({ secret: SECRET });
    const other = new DirectLineTokens({ secret: `${SECRET}-other` });
    const foreign = await other.issue({ conversationId: 'conv-1234', userId: 'dl_buyer' });
    expect(await mine.verify(foreign.token)).toBeUndefined();
    expect(await mine.verify('not.a.jwt')).toBeUndefined();
    expect(await mine.verify('x'.repeat(5000))).toBeUndefined();
  });

  it('refuses a short secret and a TTL under a minute', () => {
    expect(() => new DirectLineTokens({ secret: 'short' })).toThrow(RangeError);
    expect(() => new DirectLineTokens({ secret: SECRET, ttlSeconds: 5 })).toThrow(RangeError);
  });
});

describe('widget conversation ids', () => {
  it('every id the widget is given has the shape the trust gate looks up; other channels\' ids do not', () => {
    for (let i = 0; i < 200; i++) expect(mayBeWidgetConversationId(newConversationId())).toBe(true);
    for (const id of ['bench-5f0c3c9e-8d1b-4a5e-9d7e-2f6a1b3c4d5e', '19:abc@thread.tacv2', 'a:1Xyz', 'conv-1234', `${newConversationId()}|livechat`, '']) {
      expect(mayBeWidgetConversationId(id), id).toBe(false);
    }
  });
});

describe('photo checks', () => {
  it('recognises JPEG, PNG and WebP by their bytes only', () => {
    expect(sniffPhotoType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPhotoType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffPhotoType(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(sniffPhotoType(new TextEncoder().encode('<svg>'))).toBeUndefined();
  });

  it('rejects empty, oversized and non-photo files', () => {
    expect(checkPhoto(new Uint8Array(0))).toEqual({ ok: false, reason: 'empty' });
    expect(checkPhoto(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 3)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(checkPhoto(new TextEncoder().encode('hello'))).toEqual({ ok: false, reason: 'notAPhoto' });
  });
});

describe('origin policy', () => {
  it('allows listed sites, this app itself and same-origin pages; nothing else', () => {
    const policy = createOriginPolicy(['https://Shop.example/'], 'https://assistant.example');
    expect(policy.allows('https://shop.example', undefined)).toBe(true);
    expect(policy.allows('https://assistant.example', undefined)).toBe(true);
    expect(policy.allows('http://127.0.0.1:8080', 'http://127.0.0.1:8080')).toBe(true);
    expect(policy.allows('https://shop.example.evil.com', undefined)).toBe(false);
    expect(policy.allows('null', undefined)).toBe(false);
    expect(createOriginPolicy(['*']).allows('https://anything.example', undefined)).toBe(true);
  });
});
