/**
 * Proves the person chatting owns the order before anything about it is shown or changed:
 * order id plus email or postal code, with a lockout against guessing, or a host page's signed token.
 */
import { SignJWT, jwtVerify } from 'jose';
import type { Order } from '../../domain/order.js';
import type { BuyerVerification, OrderService } from '../ports.js';
import type { Outcome, VerificationFailure } from '../../domain/outcome.js';
import type { AttemptCounter } from './attempt-counter.js';
import { InMemoryAttemptCounter } from './attempt-counter.js';

export interface BuyerVerificationOptions {
  orders: Pick<OrderService, 'findById'>;
  /** HS256 secret shared with the host page that signs buyer tokens; at least 32 bytes. */
  tokenSecret: string | Uint8Array;
  /** Where failures are counted; process memory by default, `RedisAttemptCounter` across instances. */
  counter?: AttemptCounter;
  /** Failures (per conversation and per order id) before locking. Default 5. */
  maxAttempts?: number;
  /** How long a lock lasts after the last failure. Default 30 minutes. */
  lockMs?: number;
  now?: () => Date;
}

/** Emails compare trimmed and case-insensitive. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Postal codes compare without spaces/hyphens and case ("sw1a 1aa" = "SW1A1AA"). */
export function normalisePostalCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

function postalMatches(order: Order, given: string): boolean {
  const want = normalisePostalCode(order.shippingAddress.postalCode);
  const got = normalisePostalCode(given);
  if (got.length === 0) return false;
  if (want === got) return true;
  // US ZIP+4 on the order, five-digit ZIP from the buyer (or the other way round)
  return order.shippingAddress.countryCode === 'US' && want.slice(0, 5) === got.slice(0, 5) && Math.min(want.length, got.length) === 5;
}

export const MIN_TOKEN_SECRET_BYTES = 32;

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_LOCK_MS = 30 * 60 * 1000;

/** Longest order id kept in a counter key; nothing real is that long, and keys stay small. */
const MAX_ORDER_KEY_CHARS = 64;

/**
 * Counter keys. The conversation's shares its `{conv:<id>}` hash tag with the rest of the
 * conversation; an order's counts failures for that id from every conversation.
 */
export const attemptKeys = {
  conversation: (conversationId: string): string => `{conv:${conversationId}}:verify-failures`,
  order: (orderId: string): string => `verify-failures:order:${orderId.slice(0, MAX_ORDER_KEY_CHARS)}`,
};

function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.length < MIN_TOKEN_SECRET_BYTES) {
    throw new RangeError(`Buyer token secret must be at least ${MIN_TOKEN_SECRET_BYTES} bytes`);
  }
  return bytes;
}

export class DefaultBuyerVerification implements BuyerVerification {
  private readonly orders: Pick<OrderService, 'findById'>;
  private readonly secret: Uint8Array;
  private readonly counter: AttemptCounter;
  private readonly maxAttempts: number;
  private readonly lockMs: number;
  private readonly now: () => Date;

  constructor(options: BuyerVerificationOptions) {
    this.orders = options.orders;
    this.secret = secretBytes(options.tokenSecret);
    this.now = options.now ?? (() => new Date());
    this.counter = options.counter ?? new InMemoryAttemptCounter(() => this.now().getTime());
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
    if (!Number.isInteger(this.lockMs) || this.lockMs < 1) throw new RangeError('lockMs must be a positive integer');
  }

  async verify(input: {
    conversationId: string;
    orderId: string;
    email?: string;
    postalCode?: string;
  }): Promise<Outcome<Order, VerificationFailure>> {
    const orderId = input.orderId.trim();
    const convKey = attemptKeys.conversation(input.conversationId);
    const orderKey = attemptKeys.order(orderId);
    const [convCount, orderCount] = await Promise.all([this.counter.get(convKey), this.counter.get(orderKey)]);
    // locked: even the right details are refused until the period ends (and asking does not extend it)
    if (convCount >= this.maxAttempts || orderCount >= this.maxAttempts) return { ok: false, code: 'locked' };
    // The order's attempt takes a number before the details are judged: conversations (or instances)
    // racing at one order cannot get more than maxAttempts guesses judged between them. The
    // conversation's own turns are serial (its lock), so its read above is enough.
    const orderAttempt = await this.counter.increment(orderKey, this.lockMs);
    if (orderAttempt > this.maxAttempts) return { ok: false, code: 'locked' };
    const order = await this.orders.findById(orderId);
    if (order && this.detailsMatch(order, input)) {
      // Only this order's failures are forgiven (its owner proved it). The conversation keeps its
      // count: one real order must not buy a fresh set of guesses at other orders in the same chat.
      await this.counter.reset(orderKey);
      return { ok: true, value: order };
    }
    // unknown order and wrong details count and answer alike: the reply never reveals which ids exist
    const c = await this.counter.increment(convKey, this.lockMs);
    return { ok: false, code: c >= this.maxAttempts || orderAttempt >= this.maxAttempts ? 'locked' : 'no_match' };
  }

  async verifyBuyerToken(token: string): Promise<{ email: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'email'],
        currentDate: this.now(),
      });
      const email = payload['email'];
      if (typeof email !== 'string' || !email.includes('@')) return undefined;
      return { email: normaliseEmail(email) };
    } catch {
      // expired, tampered, wrong algorithm, unsigned, malformed: all simply unverified
      return undefined;
    }
  }

  /** Every detail given must match, and at least one must be given. */
  private detailsMatch(order: Order, input: { email?: string; postalCode?: string }): boolean {
    const email = input.email?.trim();
    const postal = input.postalCode?.trim();
    if (!email && !postal) return false;
    if (email && normaliseEmail(email) !== normaliseEmail(order.buyerEmail)) return false;
    if (postal && !postalMatches(order, postal)) return false;
    return true;
  }
}

/**
 * Sign a buyer token the way a host page should (HS256, `email` claim, expiry): for a seller's
 * Node back end and for tests; any JWT library does the same (docs/widget.md, "Signed-in buyers").
 */
export async function signBuyerToken(
  email: string,
  secret: string | Uint8Array,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSeconds ?? 3600))
    .sign(secretBytes(secret));
}
