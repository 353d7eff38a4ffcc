/** The policy engine: pure decisions over an order, the time and the seller's policy. */
export * from './config.js';
export * from './cancel.js';
export * from './address-change.js';
export * from './delivery.js';
export * from './returns.js';
export * from './warranty.js';
export * from './complaints.js';
export { addDays, addMinutes, addMonths, addHours } from './time.js';
export { itemsTotal, orderTotal, orderCurrency } from './money.js';
