export { InMemoryIdempotencyStore, writeJsonAtomic } from './idempotency-store.js';
export type { IdempotencyStore, InMemoryIdempotencyStoreOptions } from './idempotency-store.js';
