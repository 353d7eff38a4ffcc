/**
 * Label links are bearer links (the buyer opens them from the chat without logging in), so the token
 * must be unguessable and must expire: it carries the RMA and an expiry, signed with HMAC-SHA256.
 * Nothing is stored per link, so any instance holding the secret can check it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
/** Longer tokens are rejected before any work is done. */
export const MAX_TOKEN_LENGTH = 400;

export type LabelTokenCheck =
  | { ok: true; rma: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' };

function mac(secret: string | Uint8Array, body: string): Buffer {
  return createHmac('sha256', secret).update(`label:${VERSION}:${body}`).digest();
}

/** `<base64url(rma)>.<expiry, unix seconds base36>.<base64url(hmac)>`: URL-safe without escaping. */
export function signLabelToken(input: { rma: string; expiresAt: Date }, secret: string | Uint8Array): string {
  const body = `${Buffer.from(input.rma, 'utf8').toString('base64url')}.${Math.floor(input.expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * Checks signature first, expiry second: a tampered token is only ever "invalid", so a forger learns
 * nothing about which RMAs exist or when their links expire.
 */
export function verifyLabelToken(token: string, secret: string | Uint8Array, now: Date): LabelTokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [rmaPart = '', expPart = '', sigPart = ''] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(rmaPart) || !/^[0-9a-z]{1,12}$/.test(expPart) || !/^[A-Za-z0-9_-]{43}$/.test(sigPart)) {
    return { ok: false, reason: 'invalid' };
  }
  // Compare the canonical text, not decoded bytes: base64url's spare bits would let variants through.
  const expected = Buffer.from(mac(secret, `${rmaPart}.${expPart}`).toString('base64url'));
  const given = Buffer.from(sigPart);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(parseInt(expPart, 36) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, rma: Buffer.from(rmaPart, 'base64url').toString('utf8'), expiresAt };
}
