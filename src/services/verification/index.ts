export { InMemoryAttemptCounter } from './attempt-counter.js';
export type { AttemptCounter, InMemoryAttemptCounterOptions } from './attempt-counter.js';
export {
  attemptKeys,
  DEFAULT_LOCK_MS,
  DEFAULT_MAX_ATTEMPTS,
  DefaultBuyerVerification,
  MIN_TOKEN_SECRET_BYTES,
  normaliseEmail,
  normalisePostalCode,
  signBuyerToken,
} from './buyer-verification.js';
export type { BuyerVerificationOptions } from './buyer-verification.js';
