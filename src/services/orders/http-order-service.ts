/**
 * Adapter to a seller's own order system over HTTP/JSON, for shops whose orders live elsewhere.
 * The contract is small and documented in docs/orders-and-policy.md; responses are validated, and
 * every change carries an `Idempotency-Key` header so the remote side can apply it once.
 */
import { z } from 'zod';
import type { Address, Order, Refund, ReturnAuthorization } from '../../domain/order.js';
import type { Money } from '../../domain/money.js';
import type { OrderService } from '../ports.js';
import type { Outcome } from '../../domain/outcome.js';
import { OrderSchema, RefundSchema, ReturnAuthorizationSchema } from './schema.js';

export interface HttpOrderServiceOptions {
  /** Base URL, e.g. https://orders.example.com/api (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The order system failed or answered something unexpected (not a buyer-facing outcome). */
export class OrderBackendError extends Error {
  readonly code = 'ORDER_BACKEND_FAILED';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OrderBackendError';
  }
}

const ErrorBody = z.object({ code: z.string() });

type CreateReturnInput = Parameters<OrderService['createReturn']>[0];

export class HttpOrderService implements OrderService {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpOrderServiceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? fetch;
  }

  async findById(orderId: string): Promise<Order | undefined> {
    const res = await this.request('GET', `/orders/${encodeURIComponent(orderId.trim())}`);
    if (res.status === 404) return undefined;
    return this.parse(res, OrderSchema);
  }

  async listByEmail(email: string): Promise<Order[]> {
    const res = await this.request('GET', `/orders?email=${encodeURIComponent(email.trim().toLowerCase())}`);
    const orders = await this.parse(res, z.array(OrderSchema));
    return orders.sort((a, b) => Date.parse(b.purchasedAt) - Date.parse(a.purchasedAt));
  }

  cancel(
    orderId: string,
    input: { by: 'buyer' | 'seller'; reason: string; idempotencyKey: string },
  ): Promise<Outcome<Order, 'not_found' | 'already_shipped' | 'already_cancelled'>> {
    return this.change(
      `/orders/${encodeURIComponent(orderId)}/cancel`,
      { by: input.by, reason: input.reason },
      input.idempotencyKey,
      OrderSchema,
      ['not_found', 'already_shipped', 'already_cancelled'],
    );
  }

  requestAddressChange(
    orderId: string,
    input: { address: Address; kind: 'update' | 'redirect'; idempotencyKey: string },
  ): Promise<Outcome<Order, 'not_found' | 'not_allowed'>> {
    return this.change(
      `/orders/${encodeURIComponent(orderId)}/address-change`,
      { address: input.address, kind: input.kind },
      input.idempotencyKey,
      OrderSchema,
      ['not_found', 'not_allowed'],
    );
  }

  createReturn(input: CreateReturnInput): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_returnable'>> {
    const { idempotencyKey, ...body } = input;
    return this.change('/returns', body, idempotencyKey, ReturnAuthorizationSchema, ['not_found', 'not_returnable']);
  }

  changeReturnResolution(input: Parameters<OrderService['changeReturnResolution']>[0]): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_changeable'>> {
    const { idempotencyKey, rma, ...body } = input;
    return this.change(`/returns/${encodeURIComponent(rma)}/resolution`, body, idempotencyKey, ReturnAuthorizationSchema, ['not_found', 'not_changeable']);
  }

  withdrawReturn(input: Parameters<OrderService['withdrawReturn']>[0]): Promise<Outcome<ReturnAuthorization, 'not_found' | 'not_withdrawable'>> {
    const { idempotencyKey, rma, ...body } = input;
    return this.change(`/returns/${encodeURIComponent(rma)}/withdraw`, body, idempotencyKey, ReturnAuthorizationSchema, ['not_found', 'not_withdrawable']);
  }

  async findReturn(rma: string): Promise<ReturnAuthorization | undefined> {
    const res = await this.request('GET', `/returns/${encodeURIComponent(rma.trim().toUpperCase())}`);
    if (res.status === 404) return undefined;
    return this.parse(res, ReturnAuthorizationSchema);
  }

  async listReturns(orderId: string): Promise<ReturnAuthorization[]> {
    const res = await this.request('GET', `/orders/${encodeURIComponent(orderId)}/returns`);
    if (res.status === 404) return [];
    return this.parse(res, z.array(ReturnAuthorizationSchema));
  }

  recordRefund(input: { orderId: string; rma?: string; amount: Money; idempotencyKey: string }): Promise<Outcome<Refund, 'not_found' | 'exceeds_paid'>> {
    const { idempotencyKey, ...body } = input;
    return this.change('/refunds', body, idempotencyKey, RefundSchema, ['not_found', 'exceeds_paid']);
  }

  /** POST a change: 2xx → value; 404 → not_found; 409/422 with a known `code` → that outcome. */
  private async change<T, C extends string>(
    path: string,
    body: unknown,
    idempotencyKey: string,
    schema: z.ZodType<T>,
    codes: readonly C[],
  ): Promise<Outcome<T, C>> {
    const res = await this.request('POST', path, body, idempotencyKey);
    if (res.ok) return { ok: true, value: await this.parse(res, schema) };
    if (res.status === 404 || res.status === 409 || res.status === 422) {
      const parsed = ErrorBody.safeParse(await res.json().catch(() => undefined));
      const code = parsed.success ? codes.find((c) => c === parsed.data.code) : undefined;
      if (code !== undefined) return { ok: false, code };
      const notFound = codes.find((c) => c === 'not_found');
      if (res.status === 404 && notFound !== undefined) return { ok: false, code: notFound };
    }
    throw new OrderBackendError(`POST ${path} failed with HTTP ${res.status}`, res.status);
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    try {
      return await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new OrderBackendError(`${method} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async parse<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
    if (!res.ok) throw new OrderBackendError(`HTTP ${res.status} from the order system`, res.status);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new OrderBackendError(`Unexpected answer from the order system: ${z.prettifyError(parsed.error)}`, res.status);
    return parsed.data;
  }
}
