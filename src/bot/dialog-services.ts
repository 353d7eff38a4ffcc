/**
 * Implements the dialog machines' named actors over the service ports. The only place where dialog
 * requests meet real services; machines stay free of I/O clients.
 */
import { fromPromise } from 'xstate';
import type { Order, ReturnAuthorization } from '../domain/order.js';
import type { Lang } from '../domain/lang.js';
import type { BuyerVerification, ComplaintService, HandoffService, OrderService, TrackingService } from '../services/ports.js';
import type { ReturnLabel } from '../domain/order.js';
import type { ServiceActors } from '../../dialogs/services.js';

export interface DialogServiceDeps {
  orders: OrderService;
  verification: BuyerVerification;
  tracking: TrackingService;
  labels: { createLabel(rma: ReturnAuthorization, order: Order, options?: { lang?: Lang }): Promise<ReturnLabel> };
  complaints: ComplaintService;
  handoff: HandoffService;
  /** Absolute base for links shown to buyers (label URLs are relative to it). */
  publicBaseUrl: string;
}

export class DialogServiceError extends Error {
  constructor(
    readonly code: 'ORDER_NOT_FOUND' | 'RMA_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'DialogServiceError';
  }
}

export function implementServices(d: DialogServiceDeps): ServiceActors {
  const mustFind = async (orderId: string): Promise<Order> => {
    const order = await d.orders.findById(orderId);
    if (!order) throw new DialogServiceError('ORDER_NOT_FOUND', `order ${orderId} not found`);
    return order;
  };
  return {
    verifyBuyer: fromPromise(({ input }) => d.verification.verify(input)),
    loadOrder: fromPromise(({ input }) => d.orders.findById(input.orderId)),
    listOrdersByEmail: fromPromise(({ input }) => d.orders.listByEmail(input.email)),
    cancelOrder: fromPromise(({ input }) => d.orders.cancel(input.orderId, { by: input.by, reason: input.reason, idempotencyKey: input.idempotencyKey })),
    changeAddress: fromPromise(({ input }) =>
      d.orders.requestAddressChange(input.orderId, { address: input.address, kind: input.kind, idempotencyKey: input.idempotencyKey }),
    ),
    requestRedirect: fromPromise(async ({ input }) =>
      d.tracking.requestRedirect(await mustFind(input.orderId), { address: input.address, idempotencyKey: input.idempotencyKey }),
    ),
    track: fromPromise(async ({ input }) => d.tracking.track(await mustFind(input.orderId))),
    openClaim: fromPromise(async ({ input }) => d.tracking.openClaim(await mustFind(input.orderId), { idempotencyKey: input.idempotencyKey })),
    createReturn: fromPromise(({ input }) => d.orders.createReturn(input)),
    createLabel: fromPromise(async ({ input }) => {
      const rma = await d.orders.findReturn(input.rma);
      if (!rma) throw new DialogServiceError('RMA_NOT_FOUND', `return ${input.rma} not found`);
      const label = await d.labels.createLabel(rma, await mustFind(rma.orderId), { lang: input.lang });
      return { ...label, url: new URL(label.url, d.publicBaseUrl).toString() };
    }),
    changeReturnResolution: fromPromise(({ input }) => d.orders.changeReturnResolution(input)),
    withdrawReturn: fromPromise(({ input }) => d.orders.withdrawReturn(input)),
    listReturns: fromPromise(({ input }) => d.orders.listReturns(input.orderId)),
    findReturn: fromPromise(({ input }) => d.orders.findReturn(input.rma)),
    recordRefund: fromPromise(({ input }) => d.orders.recordRefund(input)),
    recordComplaint: fromPromise(({ input }) => d.complaints.record(input)),
    requestHandoff: fromPromise(({ input }) => d.handoff.request(input)),
    relayToAgent: fromPromise(({ input }) => d.handoff.relayBuyerMessage(input.ticketId, input.text)),
    withdrawHandoff: fromPromise(({ input }) => d.handoff.withdraw(input.ticketId)),
  };
}
