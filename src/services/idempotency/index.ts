export { IdempotencyConflictError, InMemoryIdempotencyStore, requestFingerprint, writeJsonAtomic } from './idempotency-store.js';
export type { IdempotencyRunOptions, IdempotencyStore, InMemoryIdempotencyStoreOptions } from './idempotency-store.js';
