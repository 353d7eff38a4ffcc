import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { attemptKeys, DefaultBuyerVerification, InMemoryAttemptCounter, signBuyerToken } from '../../../src/services/verification/index.js';
import { InMemoryOrderService } from '../../../src/services/orders/index.js';
import { makeOrder } from '../../policy/fixtures.js';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long!';
const us = makeOrder({
  id: '112-7051384-2296640',
  buyerEmail: 'Marcus.Johnson@example.net',
  shippingAddress: { name: 'M J', line1: '1 St', city: 'Atlanta', postalCode: '30308-1234', countryCode: 'US' },
});
const uk = makeOrder({
  id: '120-1936572-4408817',
  buyerEmail: 'oliver@example.co.uk',
  shippingAddress: { name: 'O B', line1: '27 Rd', city: 'Manchester', postalCode: 'M14 6BL', countryCode: 'GB' },
});

function setup(maxAttempts = 5) {
  let now = Date.parse('2025-06-15T12:00:00Z');
  const clock = { advance: (ms: number) => (now += ms), now: () => new Date(now) };
  const orders = new InMemoryOrderService({ orders: [us, uk] });
  const v = new DefaultBuyerVerification({ orders, tokenSecret: SECRET, now: clock.now, maxAttempts, counter: new InMemoryAttemptCounter(() => now) });
  return { v, clock };
}

describe('verify: order id + email or postal code', () => {
  it.each([
    ['email, other case and spaces', { email: '  marcus.JOHNSON@example.net ' }],
    ['ZIP+4 in full', { postalCode: '30308-1234' }],
    ['five-digit ZIP for a ZIP+4', { postalCode: '30308' }],
    ['email and postal code', { email: 'marcus.johnson@example.net', postalCode: '30308' }],
  ])('matches by %s', async (_label, details) => {
    const r = await setup().v.verify({ conversationId: 'c', orderId: ` ${us.id} `, ...details });
    expect(r).toMatchObject({ ok: true, value: { id: us.id } });
  });

  it.each(['m14 6bl', 'M146BL', ' M14  6BL '])('UK postcode %j matches (spaces/case ignored)', async (postalCode) => {
    expect((await setup().v.verify({ conversationId: 'c', orderId: uk.id, postalCode })).ok).toBe(true);
  });

  it.each([
    ['wrong email', { email: 'someone@example.net' }],
    ['wrong postal code', { postalCode: '30309' }],
    ['a right email with a wrong postal code', { email: 'marcus.johnson@example.net', postalCode: '99999' }],
    ['no details at all', {}],
    ['a ZIP prefix', { postalCode: '3030' }],
  ])('no_match for %s', async (_label, details) => {
    expect(await setup().v.verify({ conversationId: 'c', orderId: us.id, ...details })).toEqual({ ok: false, code: 'no_match' });
  });

  it('an unknown order id answers exactly like wrong details', async () => {
    const { v } = setup();
    const unknown = await v.verify({ conversationId: 'c1', orderId: '999-9999999-9999999', email: 'marcus.johnson@example.net' });
    const wrong = await v.verify({ conversationId: 'c2', orderId: us.id, email: 'nobody@example.net' });
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ ok: false, code: 'no_match' });
  });
});

describe('verify: lockout after 5 failures', () => {
  it('per conversation: 4 × no_match, 5th → locked, then even right details are refused until it expires', async () => {
    const { v, clock } = setup();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      // different order ids each time: only the conversation counter can lock
      const r = await v.verify({ conversationId: 'conv', orderId: `999-9999999-000000${i}`, email: 'x@example.com' });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes).toEqual(['no_match', 'no_match', 'no_match', 'no_match', 'locked']);
    expect(await v.verify({ conversationId: 'conv', orderId: us.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
    // another conversation for the right order is unaffected
    expect((await v.verify({ conversationId: 'other', orderId: us.id, email: 'marcus.johnson@example.net' })).ok).toBe(true);
    clock.advance(30 * 60 * 1000 - 1);
    expect(await v.verify({ conversationId: 'conv', orderId: us.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
    clock.advance(1);
    expect((await v.verify({ conversationId: 'conv', orderId: us.id, email: 'marcus.johnson@example.net' })).ok).toBe(true);
  });

  it('per order id: guesses spread over conversations still lock the order', async () => {
    const { v } = setup();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await v.verify({ conversationId: `conv-${i}`, orderId: us.id, postalCode: `0000${i}` });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes).toEqual(['no_match', 'no_match', 'no_match', 'no_match', 'locked']);
    expect(await v.verify({ conversationId: 'fresh', orderId: us.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
    expect((await v.verify({ conversationId: 'fresh', orderId: uk.id, email: 'oliver@example.co.uk' })).ok).toBe(true);
  });

  // This used to say "a success resets the counters": one correct verification wiped the
  // conversation's failures, so a buyer with one real order could keep probing other order ids in
  // the same chat, five guesses at a time. Now a success forgives only that order's failures.
  it("a success clears that order's failures but not the conversation's", async () => {
    const { v } = setup();
    for (let i = 0; i < 4; i++) await v.verify({ conversationId: 'conv', orderId: us.id, email: 'bad@example.com' });
    expect((await v.verify({ conversationId: 'conv', orderId: us.id, email: 'marcus.johnson@example.net' })).ok).toBe(true);
    // the order's owner proved it: another chat may try it again from zero (4 misses, no lock)
    for (let i = 0; i < 4; i++) {
      expect(await v.verify({ conversationId: `other-${i % 2}`, orderId: us.id, email: 'bad@example.com' })).toEqual({ ok: false, code: 'no_match' });
    }
    // this conversation's four failures still count: the fifth locks it
    expect(await v.verify({ conversationId: 'conv', orderId: uk.id, email: 'bad@example.com' })).toEqual({ ok: false, code: 'locked' });
  });

  it('one real order does not buy fresh guesses at other orders in the same chat', async () => {
    const { v } = setup();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      // verify the real order again between every guess
      expect((await v.verify({ conversationId: 'probe', orderId: us.id, postalCode: '30308' })).ok).toBe(true);
      const r = await v.verify({ conversationId: 'probe', orderId: `999-9999999-000000${i}`, email: 'marcus.johnson@example.net' });
      codes.push(r.ok ? 'ok' : r.code);
    }
    expect(codes).toEqual(['no_match', 'no_match', 'no_match', 'no_match', 'locked']);
    expect(await v.verify({ conversationId: 'probe', orderId: us.id, postalCode: '30308' })).toEqual({ ok: false, code: 'locked' });
  });

  it('the conversation counter forgets failures a lock period after the last one', async () => {
    const { v, clock } = setup();
    for (let i = 0; i < 4; i++) await v.verify({ conversationId: 'window', orderId: `999-9999999-100000${i}`, email: 'x@example.com' });
    clock.advance(30 * 60 * 1000);
    for (let i = 0; i < 4; i++) {
      expect(await v.verify({ conversationId: 'window', orderId: `999-9999999-200000${i}`, email: 'x@example.com' })).toEqual({ ok: false, code: 'no_match' });
    }
  });

  it('conversations racing at one order get no more than the limit of guesses judged between them', async () => {
    const orders = new InMemoryOrderService({ orders: [us] });
    let judged = 0;
    const counting = { findById: (id: string) => ((judged += 1), orders.findById(id)) };
    const v = new DefaultBuyerVerification({ orders: counting, tokenSecret: SECRET, maxAttempts: 5 });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => v.verify({ conversationId: `race-${i}`, orderId: us.id, email: 'guess@example.com' })));
    expect(judged).toBe(5);
    expect(results.filter((r) => !r.ok && r.code === 'no_match')).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.code === 'locked')).toHaveLength(8);
  });

  it('honours a configured limit and lock period', async () => {
    let now = Date.parse('2025-06-15T12:00:00Z');
    const orders = new InMemoryOrderService({ orders: [us] });
    const v = new DefaultBuyerVerification({ orders, tokenSecret: SECRET, now: () => new Date(now), maxAttempts: 2, lockMs: 60_000 });
    expect(await v.verify({ conversationId: 'cfg', orderId: us.id, email: 'bad@example.com' })).toEqual({ ok: false, code: 'no_match' });
    expect(await v.verify({ conversationId: 'cfg', orderId: us.id, email: 'bad@example.com' })).toEqual({ ok: false, code: 'locked' });
    now += 59_999;
    expect(await v.verify({ conversationId: 'cfg', orderId: us.id, email: 'marcus.johnson@example.net' })).toEqual({ ok: false, code: 'locked' });
    now += 1;
    expect((await v.verify({ conversationId: 'cfg', orderId: us.id, email: 'marcus.johnson@example.net' })).ok).toBe(true);
    expect(() => new DefaultBuyerVerification({ orders, tokenSecret: SECRET, maxAttempts: 0 })).toThrow(RangeError);
  });

  it('counts a very long made-up order id under a short key', async () => {
    const counter = new InMemoryAttemptCounter();
    const orders = new InMemoryOrderService({ orders: [us] });
    const v = new DefaultBuyerVerification({ orders, tokenSecret: SECRET, counter });
    const long = `order:${'9'.repeat(9000)}`;
    expect(await v.verify({ conversationId: 'long', orderId: long, email: 'x@example.com' })).toEqual({ ok: false, code: 'no_match' });
    expect(await counter.get(attemptKeys.order(long))).toBe(1);
    expect(attemptKeys.order(long).length).toBeLessThan(100);
  });
});

describe('verifyBuyerToken (HS256 JWT)', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  const key = new TextEncoder().encode(SECRET);

  it('accepts a valid token and returns its email normalised', async () => {
    const token = await signBuyerToken(' Emily.Carter@Example.com', SECRET, { now, ttlSeconds: 600 });
    expect(await setup().v.verifyBuyerToken(token)).toEqual({ email: 'emily.carter@example.com' });
  });

  it('rejects an expired token', async () => {
    const token = await signBuyerToken('a@example.com', SECRET, { now: new Date(now.getTime() - 3 * 3600_000), ttlSeconds: 3600 });
    expect(await setup().v.verifyBuyerToken(token)).toBeUndefined();
  });

  it('rejects a tampered payload or a wrong secret', async () => {
    const token = await signBuyerToken('a@example.com', SECRET, { now });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ email: 'victim@example.com', exp: 4102444800 })).toString('base64url');
    expect(await setup().v.verifyBuyerToken(`${h}.${forged}.${s}`)).toBeUndefined();
    const other = await signBuyerToken('a@example.com', 'another-secret-of-at-least-32-bytes!!', { now });
    expect(await setup().v.verifyBuyerToken(other)).toBeUndefined();
  });

  it('rejects alg none, another algorithm, a missing exp or email, and garbage', async () => {
    const { v } = setup();
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const exp = Math.floor(now.getTime() / 1000) + 600;
    expect(await v.verifyBuyerToken(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ email: 'a@example.com', exp })}.`)).toBeUndefined();
    const hs512 = await new SignJWT({ email: 'a@example.com' }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime(exp).sign(key);
    expect(await v.verifyBuyerToken(hs512)).toBeUndefined();
    const noExp = await new SignJWT({ email: 'a@example.com' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect(await v.verifyBuyerToken(noExp)).toBeUndefined();
    const noEmail = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(key);
    expect(await v.verifyBuyerToken(noEmail)).toBeUndefined();
    expect(await v.verifyBuyerToken('not.a.token')).toBeUndefined();
    // control: the same construction with HS256 and both claims is accepted
    const good = await new SignJWT({ email: 'a@example.com' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(exp).sign(key);
    expect(await v.verifyBuyerToken(good)).toEqual({ email: 'a@example.com' });
  });

  it('refuses a short secret at construction', () => {
    expect(() => new DefaultBuyerVerification({ orders: new InMemoryOrderService(), tokenSecret: 'short' })).toThrow(RangeError);
  });
});
