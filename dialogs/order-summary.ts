/** The order summary card: what a verified buyer sees of their order (items, dates, total). Pure. */
import type { Order } from '../src/domain/order.js';
import { orderTotal } from '../src/policy/index.js';
import type { CardSpec } from './reply.js';

/** Only for an order the buyer is verified for: it shows what they bought and when. */
export function orderSummaryCard(order: Order): CardSpec {
  return {
    kind: 'orderSummary',
    orderId: order.id,
    status: order.status,
    purchasedAt: order.purchasedAt,
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
    items: order.items.map((i) => ({ title: i.title, ...(i.titles ? { titles: i.titles } : {}), quantity: i.quantity, unitPrice: i.unitPrice })),
    total: orderTotal(order),
  };
}
