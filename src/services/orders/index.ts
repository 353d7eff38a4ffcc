export { InMemoryOrderService, ORDERS_FILE, ORDERS_IDEMPOTENCY_FILE } from './in-memory-order-service.js';
export type { InMemoryOrderServiceOptions } from './in-memory-order-service.js';
export { RMA_PATTERN, newRmaNumber, newRefundId, randomBase32 } from './ids.js';
export { AddressSchema, MoneySchema, OrderItemSchema, OrderSchema, RefundSchema, ReturnAuthorizationSchema } from './schema.js';
export { demoOrders, demoOrderEntries, demoTrackingScenarios, TRACKING_SCENARIOS } from './demo-orders.js';
export type { DemoOrderEntry, TrackingScenario } from './demo-orders.js';
export { parseOrdersFile, parseOrdersJson, parseOrdersTsv, importOrders } from './import.js';
export type { ImportError, ImportResult, ImportOptions } from './import.js';
