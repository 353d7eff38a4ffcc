/**
 * The embedded order store: orders, returns and refunds in memory, optionally kept in
 * `<dataDir>/orders.json` so cancellations and returns survive a restart. Every change honours an
 * idempotency key and re-checks the order's state and the policy, whatever the dialog believed.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Order, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { OrderService } from '../ports.js';
import type { Outcome } from '../../domain/outcome.js';
import type { PolicyConfig } from '../../policy/config.js';
import { DEFAULT_POLICY } from '../../policy/config.js';
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
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { InMemoryIdempotencyStore, readJsonIfExists, writeJsonAtomic } from '../idempotency/idempotency-store.js';
import { newRefundId, newRmaNumber } from './ids.js';
import { OrderSchema, RefundSchema, ReturnAuthorizationSchema, outcomeSchema } from './schema.js';

export interface InMemoryOrderServiceOptions {
  /** Seed orders (demo or imported). Orders already in the data file win over seeds with the same id. */
  orders?: Order[];
  policy?: PolicyConfig;
  now?: () => Date;
  /** Defaults to an in-memory store (persisted beside the orders when `dataDir` is set). */
  idempotency?: IdempotencyStore;
  /** Keep state in `<dataDir>/orders.json`. */
  dataDir?: string;
}

const StateFileSchema = z.object({
  version: z.literal(1),
  orders: z.array(OrderSchema),
  returns: z.array(ReturnAuthorizationSchema),
  refunds: z.array(RefundSchema),
});

export const CancelOutcome = outcomeSchema(OrderSchema, ['not_found', 'already_shipped', 'already_cancelled']);
export const AddressOutcome = outcomeSchema(OrderSchema, ['not_found', 'not_allowed']);
export const ReturnOutcome = outcomeSchema(ReturnAuthorizationSchema, ['not_found', 'not_returnable']);
export const RefundOutcome = outcomeSchema(RefundSchema, ['not_found', 'exceeds_paid']);
export const ChangeResolutionOutcome = outcomeSchema(ReturnAuthorizationSchema, ['not_found', 'not_changeable']);
export const WithdrawOutcome = outcomeSchema(ReturnAuthorizationSchema, ['not_found', 'not_withdrawable']);

export const ORDERS_FILE = 'orders.json';
export const ORDERS_IDEMPOTENCY_FILE = 'orders-idempotency.json';

export class InMemoryOrderService implements OrderService {
  private readonly orders = new Map<string, Order>();
  private readonly returns = new Map<string, ReturnAuthorization>();
  private readonly refunds: Refund[] = [];
  private readonly policy: PolicyConfig;
  private readonly now: () => Date;
  private readonly idempotency: IdempotencyStore;
  private readonly filePath: string | undefined;
  private readonly seeds: Order[];
  private readonly seedById: Map<string, Order>;
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: InMemoryOrderServiceOptions = {}) {
    this.policy = options.policy ?? DEFAULT_POLICY;
    this.now = options.now ?? (() => new Date());
    this.filePath = options.dataDir ? join(options.dataDir, ORDERS_FILE) : undefined;
    this.idempotency =
      options.idempotency ??
      new InMemoryIdempotencyStore(options.dataDir ? { filePath: join(options.dataDir, ORDERS_IDEMPOTENCY_FILE) } : {});
    this.seeds = options.orders ?? [];
    this.seedById = new Map(this.seeds.map((o) => [o.id, o]));
  }

  async findById(orderId: string): Promise<Order | undefined> {
    await this.load();
    const order = this.orders.get(orderId.trim());
    return order ? structuredClone(order) : undefined;
  }

  async listByEmail(email: string): Promise<Order[]> {
    await this.load();
    const wanted = email.trim().toLowerCase();
    return [...this.orders.values()]
      .filter((o) => o.buyerEmail.trim().toLowerCase() === wanted)
      .sort((a, b) => Date.parse(b.purchasedAt) - Date.parse(a.purchasedAt))
      .map((o) => structuredClone(o));
  }

  /** Every order, newest first (agent console, import summary). */
  async listOrders(): Promise<Order[]> {
    await this.load();
    return [...this.orders.values()]
      .sort((a, b) => Date.parse(b.purchasedAt) - Date.parse(a.purchasedAt))
      .map((o) => structuredClone(o));
  }

  /** Add or replace orders (import). Returns how many were new and how many replaced. */
  async upsertOrders(orders: Order[]): Promise<{ added: number; updated: number }> {
    await this.load();
    let added = 0;
    let updated = 0;
    for (const o of orders) {
      if (this.orders.has(o.id)) updated++;
      else added++;
      this.orders.set(o.id, structuredClone(o));
    }
    await this.persist();
    return { added, updated };
  }

  cancel(orderId: string, input: CancelInput): Promise<Outcome<Order, CancelCode>> {
    return this.idempotency.run(
      `orders:cancel:${orderId}:${input.idempotencyKey}`,
      () => this.change(orderId, (doc) => cancelOrder(doc, input, this.now())),
      (raw) => CancelOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  requestAddressChange(orderId: string, input: AddressInput): Promise<Outcome<Order, AddressCode>> {
    return this.idempotency.run(
      `orders:address:${orderId}:${input.idempotencyKey}`,
      () => this.change(orderId, (doc) => changeAddress(doc, input, this.now(), this.policy)),
      (raw) => AddressOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  createReturn(input: CreateReturnInput): Promise<Outcome<ReturnAuthorization, ReturnCode>> {
    return this.idempotency.run(
      `orders:return:${input.orderId}:${input.idempotencyKey}`,
      () => this.change(input.orderId, (doc) => createReturn(doc, input, this.uniqueRma(), this.now(), this.policy)),
      (raw) => ReturnOutcome.parse(raw),
      { request: input },
    );
  }

  changeReturnResolution(input: ChangeResolutionInput): Promise<Outcome<ReturnAuthorization, ChangeResolutionCode>> {
    return this.idempotency.run(
      `orders:resolution:${input.orderId}:${input.idempotencyKey}`,
      () => this.change(input.orderId, (doc) => changeReturnResolution(doc, input, this.now(), this.policy)),
      (raw) => ChangeResolutionOutcome.parse(raw),
      { request: input },
    );
  }

  withdrawReturn(input: WithdrawInput): Promise<Outcome<ReturnAuthorization, WithdrawCode>> {
    return this.idempotency.run(
      `orders:withdraw:${input.orderId}:${input.idempotencyKey}`,
      () => this.change(input.orderId, (doc) => withdrawReturn(doc, input)),
      (raw) => WithdrawOutcome.parse(raw),
      { request: input },
    );
  }

  async findReturn(rma: string): Promise<ReturnAuthorization | undefined> {
    await this.load();
    const found = this.returns.get(rma.trim().toUpperCase());
    return found ? structuredClone(found) : undefined;
  }

  async listReturns(orderId: string): Promise<ReturnAuthorization[]> {
    await this.load();
    return [...this.returns.values()].filter((r) => r.orderId === orderId).map((r) => structuredClone(r));
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    await this.load();
    return this.refunds.filter((r) => r.orderId === orderId).map((r) => structuredClone(r));
  }

  /** The warehouse got the parcel back (agent action; refunds normally follow, seed 003). */
  async markReturnReceived(rma: string): Promise<ReturnAuthorization | undefined> {
    await this.load();
    const found = this.returns.get(rma);
    const order = found ? this.orders.get(found.orderId) : undefined;
    if (!found || !order) return undefined;
    if (markReceived(this.docOf(order), rma)) await this.persist();
    return structuredClone(found);
  }

  recordRefund(input: RefundInput): Promise<Outcome<Refund, RefundCode>> {
    return this.idempotency.run(
      `orders:refund:${input.orderId}:${input.idempotencyKey}`,
      () => this.change(input.orderId, (doc) => recordRefund(doc, input, newRefundId(), this.now())),
      (raw) => RefundOutcome.parse(raw),
      { request: input },
    );
  }

  /** Applies one order-book rule to the order's live document and persists when it succeeded. */
  private async change<T, C extends string>(orderId: string, apply: (doc: OrderDoc) => Outcome<T, C>): Promise<Outcome<T, C | 'not_found'>> {
    await this.load();
    const order = this.orders.get(orderId);
    if (!order) return fail('not_found');
    const doc = this.docOf(order);
    const outcome = apply(doc);
    if (!outcome.ok) return outcome;
    for (const r of doc.returns) this.returns.set(r.rma, r);
    for (const r of doc.refunds) if (!this.refunds.includes(r)) this.refunds.push(r);
    await this.persist();
    return outcome;
  }

  /** The order with its returns and refunds (live objects: rules change them in place). */
  private docOf(order: Order): OrderDoc {
    return {
      order,
      returns: [...this.returns.values()].filter((r) => r.orderId === order.id),
      refunds: this.refunds.filter((r) => r.orderId === order.id),
    };
  }

  private uniqueRma(): string {
    for (;;) {
      const rma = newRmaNumber();
      if (!this.returns.has(rma)) return rma;
    }
  }

  private load(): Promise<void> {
    this.loaded ??= this.readState();
    return this.loaded;
  }

  private async readState(): Promise<void> {
    for (const o of this.seeds) this.orders.set(o.id, structuredClone(o));
    if (!this.filePath) return;
    const data = await readJsonIfExists(this.filePath);
    if (data === undefined) return;
    const parsed = StateFileSchema.safeParse(data);
    if (!parsed.success) throw new Error(`Order store ${this.filePath} is invalid: ${z.prettifyError(parsed.error)}`);
    for (const o of parsed.data.orders) this.orders.set(o.id, o);
    for (const r of parsed.data.returns) this.returns.set(r.rma, r);
    this.refunds.push(...parsed.data.refunds);
  }

  private isUnchangedSeed(order: Order): boolean {
    const seed = this.seedById.get(order.id);
    return seed !== undefined && isDeepStrictEqual(seed, order);
  }

  private persist(): Promise<void> {
    const filePath = this.filePath;
    if (!filePath) return Promise.resolve();
    this.writing = this.writing
      .catch(() => undefined)
      .then(() =>
        writeJsonAtomic(filePath, {
          version: 1,
          // Orders nobody changed stay out: seeds relative to start-up (the demo store) then come back
          // fresh on the next start instead of freezing at the first start's times.
          orders: [...this.orders.values()].filter((o) => !this.isUnchangedSeed(o)),
          returns: [...this.returns.values()],
          refunds: this.refunds,
        }),
      );
    return this.writing;
  }
}
