/** Money helpers: integer minor units only, one currency per sum. */
import type { Money } from '../domain/money.js';
import type { Order, OrderItem } from '../domain/order.js';

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}

export function sumMoney(values: Money[], currency: string): Money {
  let amount = 0;
  for (const v of values) {
    if (v.currency !== currency) throw new RangeError(`Currency mismatch: ${v.currency} vs ${currency}`);
    amount += v.amount;
  }
  return { amount, currency };
}

export function lineTotal(item: OrderItem): Money {
  return { amount: item.unitPrice.amount * item.quantity, currency: item.unitPrice.currency };
}

/** The order's currency: the item prices' (shipping must agree). */
export function orderCurrency(order: Order): string {
  return order.items[0]?.unitPrice.currency ?? order.shippingCost.currency;
}

export function itemsTotal(order: Order, items: OrderItem[] = order.items): Money {
  return sumMoney(items.map(lineTotal), orderCurrency(order));
}

/** What the buyer paid in all: items plus shipping. */
export function orderTotal(order: Order): Money {
  return sumMoney([itemsTotal(order), order.shippingCost], orderCurrency(order));
}

/** `percent` of an amount, rounded half up to a whole minor unit. */
export function percentOf(amount: number, percent: number): number {
  return Math.round((amount * percent) / 100);
}
