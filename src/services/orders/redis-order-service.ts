/**
 * The embedded order store on Redis, for several instances: the seller's truth (status,
 * cancellations, address requests) and every return, RMA and refund live there, one JSON document
 * per order. Changes read the document, apply the shared order-book rule and write it back only if
 * nobody changed it meanwhile (a Lua compare-and-set; on a conflict the rule runs again on the new
 * state), so two instances never cancel twice nor authorise a second return or refund for the same
 * items. Seeds (demo or ORDERS_FILE) are written once and never overwrite what is there.
 *
 * Keys (prefix `p`): `p:{ord:<id>}:doc` the order document; `p:orders:ids` and
 * `p:orders:email:<email>` sets for listing; `p:rma:<RMA>` → order id (and the RMA's uniqueness).
 */
import { z } from 'zod';
import type { Order, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { OrderService } from '../ports.js';
import type { Outcome } from '../../domain/outcome.js';
import { DEFAULT_POLICY, type PolicyConfig } from '../../policy/config.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';
import { newRefundId, newRmaNumber } from './ids.js';
import { OrderSchema, RefundSchema, ReturnAuthorizationSchema } from './schema.js';
import {
  cancelOrder,
  changeAddress,
  changeReturnResolution,
  withdrawReturn,
  createReturn,
  fail,
  markReceived,
  recordRefund,
  type AddressCode,
  type AddressInput,
  type CancelCode,
  type CancelInput,
  type ChangeResolutionCode,
  type ChangeResolutionInput,
  type WithdrawCode,
  type WithdrawInput,
  type CreateReturnInput,
  type OrderDoc,
  type RefundCode,
  type RefundInput,
  type ReturnCode,
} from './order-book.js';
import { AddressOutcome, CancelOutcome, ChangeResolutionOutcome, RefundOutcome, ReturnOutcome, WithdrawOutcome } from './in-memory-order-service.js';

export interface RedisOrderServiceOptions {
  prefix?: string;
  /** Seeds, written once per order id (SET NX). */
  orders?: Order[];
  policy?: PolicyConfig;
  now?: () => Date;
  /** Shared idempotency (a retried turn on any instance gets the first result). */
  idempotency: IdempotencyStore;
  /** Compare-and-set attempts before giving up (heavy contention on one order). Default 50. */
  maxAttempts?: number;
}

const DocSchema = z.object({ order: OrderSchema, returns: z.array(ReturnAuthorizationSchema), refunds: z.array(RefundSchema) });

// Write the new document only if the stored one is still the one we read.
const COMPARE_AND_SET = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
`);

/** Another instance changed the order under us too often in a row. */
export class OrderContentionError extends Error {
  readonly code = 'ORDER_CONTENTION';
  constructor(orderId: string) {
    super(`order ${orderId}: too many concurrent changes`);
    this.name = 'OrderContentionError';
  }
}

export class RedisOrderService implements OrderService {
  private readonly prefix: string;
  private readonly policy: PolicyConfig;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private seeded: Promise<void> | undefined;

  constructor(
    private readonly redis: RedisCommander,
    private readonly options: RedisOrderServiceOptions,
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 50;
  }

  private docKey(orderId: string): string {
    return prefixKey(this.prefix, `{ord:${orderId}}:doc`);
  }

  private key(name: string): string {
    return prefixKey(this.prefix, name);
  }

  /** Writes the seeds that are not there yet; retried on the next call if Redis was down. */
  private ready(): Promise<void> {
    this.seeded ??= this.seed().catch((err: unknown) => {
      this.seeded = undefined;
      throw err;
    });
    return this.seeded;
  }

  private async seed(): Promise<void> {
    for (const order of this.options.orders ?? []) {
      const doc: OrderDoc = { order, returns: [], refunds: [] };
      await redisCall('orders seed', () => this.redis.sendCommand(['SET', this.docKey(order.id), JSON.stringify(doc), 'NX']));
      await this.index(order);
    }
  }

  private async index(order: Order): Promise<void> {
    await redisCall('orders index', () => this.redis.sendCommand(['SADD', this.key('orders:ids'), order.id]));
    await redisCall('orders index', () => this.redis.sendCommand(['SADD', this.key(`orders:email:${order.buyerEmail.trim().toLowerCase()}`), order.id]));
  }

  private async read(orderId: string): Promise<{ raw: string; doc: OrderDoc } | undefined> {
    const raw = await redisCall('orders get', () => this.redis.sendCommand(['GET', this.docKey(orderId)]));
    if (typeof raw !== 'string') return undefined;
    return { raw, doc: DocSchema.parse(JSON.parse(raw)) };
  }

  async findById(orderId: string): Promise<Order | undefined> {
    await this.ready();
    return (await this.read(orderId.trim()))?.doc.order;
  }

  async listByEmail(email: string): Promise<Order[]> {
    await this.ready();
    const ids = await redisCall('orders by email', () => this.redis.sendCommand(['SMEMBERS', this.key(`orders:email:${email.trim().toLowerCase()}`)]));
    return this.newestFirst(Array.isArray(ids) ? ids.map(String) : []);
  }

  /** Every order, newest first (agent console, import summary). */
  async listOrders(): Promise<Order[]> {
    await this.ready();
    const ids = await redisCall('orders list', () => this.redis.sendCommand(['SMEMBERS', this.key('orders:ids')]));
    return this.newestFirst(Array.isArray(ids) ? ids.map(String) : []);
  }

  private async newestFirst(ids: string[]): Promise<Order[]> {
    const orders: Order[] = [];
    for (const id of ids) {
      const found = await this.read(id);
      if (found) orders.push(found.doc.order);
    }
    return orders.sort((a, b) => Date.parse(b.purchasedAt) - Date.parse(a.purchasedAt));
  }

  /** Add or replace orders (import); returns and refunds already recorded are kept. */
  async upsertOrders(orders: Order[]): Promise<{ added: number; updated: number }> {
    await this.ready();
    let added = 0;
    let updated = 0;
    for (const order of orders) {
      const existed = await this.mutate(order.id, (doc) => {
        doc.order = structuredClone(order);
        return { ok: true, value: true };
      });
      if (existed.ok) updated++;
      else {
        const doc: OrderDoc = { order, returns: [], refunds: [] };
        const created = await redisCall('orders add', () => this.redis.sendCommand(['SET', this.docKey(order.id), JSON.stringify(doc), 'NX']));
        if (created === null) {
          // Someone added it meanwhile: replace it like an update.
          await this.mutate(order.id, (d) => {
            d.order = structuredClone(order);
            return { ok: true, value: true };
          });
          updated++;
        } else added++;
      }
      await this.index(order);
    }
    return { added, updated };
  }

  cancel(orderId: string, input: CancelInput): Promise<Outcome<Order, CancelCode>> {
    return this.options.idempotency.run(
      `orders:cancel:${orderId}:${input.idempotencyKey}`,
      () => this.mutate(orderId, (doc) => cancelOrder(doc, input, this.now())),
      (raw) => CancelOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  requestAddressChange(orderId: string, input: AddressInput): Promise<Outcome<Order, AddressCode>> {
    return this.options.idempotency.run(
      `orders:address:${orderId}:${input.idempotencyKey}`,
      () => this.mutate(orderId, (doc) => changeAddress(doc, input, this.now(), this.policy)),
      (raw) => AddressOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  createReturn(input: CreateReturnInput): Promise<Outcome<ReturnAuthorization, ReturnCode>> {
    return this.options.idempotency.run(
      `orders:return:${input.orderId}:${input.idempotencyKey}`,
      async () => {
        const rma = await this.reserveRma(input.orderId);
        return this.mutate(input.orderId, (doc) => createReturn(doc, input, rma, this.now(), this.policy));
      },
      (raw) => ReturnOutcome.parse(raw),
      { request: input },
    );
  }

  changeReturnResolution(input: ChangeResolutionInput): Promise<Outcome<ReturnAuthorization, ChangeResolutionCode>> {
    return this.options.idempotency.run(
      `orders:resolution:${input.orderId}:${input.idempotencyKey}`,
      () => this.mutate(input.orderId, (doc) => changeReturnResolution(doc, input, this.now(), this.policy)),
      (raw) => ChangeResolutionOutcome.parse(raw),
      { request: input },
    );
  }

  withdrawReturn(input: WithdrawInput): Promise<Outcome<ReturnAuthorization, WithdrawCode>> {
    return this.options.idempotency.run(
      `orders:withdraw:${input.orderId}:${input.idempotencyKey}`,
      () => this.mutate(input.orderId, (doc) => withdrawReturn(doc, input)),
      (raw) => WithdrawOutcome.parse(raw),
      { request: input },
    );
  }

  async findReturn(rma: string): Promise<ReturnAuthorization | undefined> {
    await this.ready();
    const wanted = rma.trim().toUpperCase();
    const orderId = await redisCall('rma get', () => this.redis.sendCommand(['GET', this.key(`rma:${wanted}`)]));
    if (typeof orderId !== 'string') return undefined;
    return (await this.read(orderId))?.doc.returns.find((r) => r.rma === wanted);
  }

  async listReturns(orderId: string): Promise<ReturnAuthorization[]> {
    await this.ready();
    return (await this.read(orderId))?.doc.returns ?? [];
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    await this.ready();
    return (await this.read(orderId))?.doc.refunds ?? [];
  }

  /** The warehouse got the parcel back (agent action; refunds normally follow, seed 003). */
  async markReturnReceived(rma: string): Promise<ReturnAuthorization | undefined> {
    const found = await this.findReturn(rma);
    if (!found) return undefined;
    const outcome = await this.mutate(found.orderId, (doc) => {
      markReceived(doc, found.rma);
      const now = doc.returns.find((r) => r.rma === found.rma);
      return now ? { ok: true, value: structuredClone(now) } : fail('not_found');
    });
    return outcome.ok ? outcome.value : undefined;
  }

  recordRefund(input: RefundInput): Promise<Outcome<Refund, RefundCode>> {
    return this.options.idempotency.run(
      `orders:refund:${input.orderId}:${input.idempotencyKey}`,
      () => this.mutate(input.orderId, (doc) => recordRefund(doc, input, newRefundId(), this.now())),
      (raw) => RefundOutcome.parse(raw),
      { request: input },
    );
  }

  /** A fresh RMA number, claimed for this order (SET NX: unique across instances). */
  private async reserveRma(orderId: string): Promise<string> {
    for (;;) {
      const rma = newRmaNumber();
      const claimed = await redisCall('rma reserve', () => this.redis.sendCommand(['SET', this.key(`rma:${rma}`), orderId, 'NX']));
      if (claimed !== null) return rma;
    }
  }

  /**
   * Read, apply, compare-and-set; on a conflict apply again to the newer state. A rule that fails
   * writes nothing.
   */
  private async mutate<T, C extends string>(orderId: string, apply: (doc: OrderDoc) => Outcome<T, C>): Promise<Outcome<T, C | 'not_found'>> {
    await this.ready();
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.read(orderId);
      if (!current) return fail('not_found');
      const outcome = apply(current.doc);
      if (!outcome.ok) return outcome;
      const next = JSON.stringify(current.doc);
      const written = await redisCall('orders cas', () => COMPARE_AND_SET.run(this.redis, [this.docKey(orderId)], [current.raw, next]));
      if (written === 1) return outcome;
    }
    throw new OrderContentionError(orderId);
  }
}
