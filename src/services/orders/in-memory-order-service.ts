/**
 * The embedded order store: orders, returns and refunds in memory, optionally kept in
 * `<dataDir>/orders.json` so cancellations and returns survive a restart. Every change honours an
 * idempotency key and re-checks the order's state and the policy, whatever the dialog believed.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Address, Order, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { Money } from '../../domain/money.js';
import type { OrderService } from '../ports.js';
import type { Outcome } from '../../domain/outcome.js';
import type { PolicyConfig } from '../../policy/config.js';
import { DEFAULT_POLICY } from '../../policy/config.js';
import { addressChangeDecision } from '../../policy/address-change.js';
import { returnEligibility } from '../../policy/returns.js';
import { warrantyStatus } from '../../policy/warranty.js';
import { orderTotal } from '../../policy/money.js';
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

type CancelCode = 'not_found' | 'already_shipped' | 'already_cancelled';
type AddressCode = 'not_found' | 'not_allowed';
type ReturnCode = 'not_found' | 'not_returnable';
type RefundCode = 'not_found' | 'exceeds_paid';

type CreateReturnInput = Parameters<OrderService['createReturn']>[0];

const StateFileSchema = z.object({
  version: z.literal(1),
  orders: z.array(OrderSchema),
  returns: z.array(ReturnAuthorizationSchema),
  refunds: z.array(RefundSchema),
});

const CancelOutcome = outcomeSchema(OrderSchema, ['not_found', 'already_shipped', 'already_cancelled']);
const AddressOutcome = outcomeSchema(OrderSchema, ['not_found', 'not_allowed']);
const ReturnOutcome = outcomeSchema(ReturnAuthorizationSchema, ['not_found', 'not_returnable']);
const RefundOutcome = outcomeSchema(RefundSchema, ['not_found', 'exceeds_paid']);

const OPEN_RETURN: readonly ReturnAuthorization['status'][] = ['authorized', 'in_transit', 'received', 'refunded'];

export const ORDERS_FILE = 'orders.json';
export const ORDERS_IDEMPOTENCY_FILE = 'orders-idempotency.json';

function fail<C extends string>(code: C): { ok: false; code: C } {
  return { ok: false, code };
}

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

  cancel(
    orderId: string,
    input: { by: 'buyer' | 'seller'; reason: string; idempotencyKey: string },
  ): Promise<Outcome<Order, CancelCode>> {
    return this.idempotency.run(
      `orders:cancel:${orderId}:${input.idempotencyKey}`,
      async (): Promise<Outcome<Order, CancelCode>> => {
        await this.load();
        const order = this.orders.get(orderId);
        if (!order) return fail('not_found');
        if (order.status === 'cancelled') return fail('already_cancelled');
        // seed 001/003: once shipped an order can no longer be cancelled
        if (order.status !== 'pending' && order.status !== 'unshipped') return fail('already_shipped');
        order.status = 'cancelled';
        order.cancelledAt = this.now().toISOString();
        order.cancelledBy = input.by;
        order.cancelReason = input.reason;
        await this.persist();
        return { ok: true, value: structuredClone(order) };
      },
      (raw) => CancelOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  requestAddressChange(
    orderId: string,
    input: { address: Address; kind: 'update' | 'redirect'; idempotencyKey: string },
  ): Promise<Outcome<Order, AddressCode>> {
    return this.idempotency.run(
      `orders:address:${orderId}:${input.idempotencyKey}`,
      async (): Promise<Outcome<Order, AddressCode>> => {
        await this.load();
        const order = this.orders.get(orderId);
        if (!order) return fail('not_found');
        const decision = addressChangeDecision(order, this.now(), this.policy);
        const requestedAt = this.now().toISOString();
        if (input.kind === 'update') {
          // seed 001/003: only sellers who own their orders update in place, and only before shipment
          if (decision.kind !== 'update_address') return fail('not_allowed');
          order.shippingAddress = structuredClone(input.address);
        } else if (decision.kind !== 'redirect_or_refuse') {
          // seed 003: a carrier redirect only makes sense for a parcel on its way
          return fail('not_allowed');
        }
        order.addressChangeRequest = { address: structuredClone(input.address), requestedAt, kind: input.kind };
        await this.persist();
        return { ok: true, value: structuredClone(order) };
      },
      (raw) => AddressOutcome.parse(raw),
      { request: { orderId, ...input } },
    );
  }

  createReturn(input: CreateReturnInput): Promise<Outcome<ReturnAuthorization, ReturnCode>> {
    return this.idempotency.run(
      `orders:return:${input.orderId}:${input.idempotencyKey}`,
      async (): Promise<Outcome<ReturnAuthorization, ReturnCode>> => {
        await this.load();
        const order = this.orders.get(input.orderId);
        if (!order) return fail('not_found');
        if (!this.returnAllowed(order, input)) return fail('not_returnable');
        const rma: ReturnAuthorization = {
          rma: this.uniqueRma(),
          orderId: order.id,
          skus: [...new Set(input.skus)],
          reason: input.reason,
          resolution: input.resolution,
          returnShippingPaidBy: input.returnShippingPaidBy,
          refundAmount: { ...input.refundAmount },
          createdAt: this.now().toISOString(),
          status: 'authorized',
          ...(input.approvedBy !== undefined ? { approvedBy: input.approvedBy } : {}),
          ...(input.evidence && input.evidence.length > 0 ? { evidence: [...input.evidence] } : {}),
        };
        this.returns.set(rma.rma, rma);
        await this.persist();
        return { ok: true, value: structuredClone(rma) };
      },
      (raw) => ReturnOutcome.parse(raw),
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
    if (!found) return undefined;
    if (found.status === 'authorized' || found.status === 'in_transit') {
      found.status = 'received';
      await this.persist();
    }
    return structuredClone(found);
  }

  recordRefund(input: { orderId: string; rma?: string; amount: Money; idempotencyKey: string }): Promise<Outcome<Refund, RefundCode>> {
    return this.idempotency.run(
      `orders:refund:${input.orderId}:${input.idempotencyKey}`,
      async (): Promise<Outcome<Refund, RefundCode>> => {
        await this.load();
        const order = this.orders.get(input.orderId);
        if (!order) return fail('not_found');
        const rma = input.rma !== undefined ? this.returns.get(input.rma) : undefined;
        if (input.rma !== undefined && (!rma || rma.orderId !== order.id)) return fail('not_found');
        const paid = orderTotal(order);
        const refunded = this.refunds.filter((r) => r.orderId === order.id).reduce((s, r) => s + r.amount.amount, 0);
        if (!Number.isInteger(input.amount.amount) || input.amount.amount <= 0) return fail('exceeds_paid');
        // never refund more than was paid, nor in another currency
        if (input.amount.currency !== paid.currency || refunded + input.amount.amount > paid.amount) return fail('exceeds_paid');
        const now = this.now().toISOString();
        const refund: Refund = {
          id: newRefundId(),
          orderId: order.id,
          ...(rma ? { rma: rma.rma } : {}),
          amount: { ...input.amount },
          createdAt: now,
        };
        this.refunds.push(refund);
        if (rma) {
          rma.status = 'refunded';
          rma.refundedAt = now;
          this.markReturnedWhenAllRefunded(order);
        }
        await this.persist();
        return { ok: true, value: structuredClone(refund) };
      },
      (raw) => RefundOutcome.parse(raw),
      { request: input },
    );
  }

  /** State and policy re-check: the dialog's view may be stale or tampered with. */
  private returnAllowed(order: Order, input: CreateReturnInput): boolean {
    if (order.status !== 'delivered') return false;
    const skus = [...new Set(input.skus)];
    const known = new Set(order.items.map((i) => i.sku));
    if (skus.length === 0 || skus.some((s) => !known.has(s))) return false;
    const taken = new Set(
      [...this.returns.values()].filter((r) => r.orderId === order.id && OPEN_RETURN.includes(r.status)).flatMap((r) => r.skus),
    );
    if (skus.some((s) => taken.has(s))) return false;
    const paid = orderTotal(order);
    if (input.refundAmount.currency !== paid.currency) return false;
    if (!Number.isInteger(input.refundAmount.amount) || input.refundAmount.amount < 0) return false;
    if (input.approvedBy !== undefined) return input.refundAmount.amount <= paid.amount;
    const now = this.now();
    if (input.resolution === 'warranty_repair') {
      // seed 000: repairs under the marketplace or product warranty
      const w = warrantyStatus(order, now, this.policy);
      return (w.kind === 'return_window' || w.kind === 'marketplace' || w.kind === 'product') && input.refundAmount.amount === 0;
    }
    const decision = returnEligibility(order, { reason: input.reason, skus }, now, this.policy);
    if (decision.kind !== 'eligible' || !decision.options.includes(input.resolution)) return false;
    // seed 001 §3 (5): a seller-fault return is never charged to the buyer
    if (decision.returnShippingPaidBy === 'seller' && input.returnShippingPaidBy === 'buyer') return false;
    const max = input.resolution === 'returnless_refund' ? (decision.returnlessRefund ?? decision.refund) : decision.refund;
    return input.refundAmount.amount <= max.amount;
  }

  private markReturnedWhenAllRefunded(order: Order): void {
    const refundedSkus = new Set(
      [...this.returns.values()].filter((r) => r.orderId === order.id && r.status === 'refunded').flatMap((r) => r.skus),
    );
    if (order.items.every((i) => refundedSkus.has(i.sku))) order.status = 'returned';
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
