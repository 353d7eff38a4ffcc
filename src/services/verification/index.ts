export { InMemoryAttemptCounter } from './attempt-counter.js';
export type { AttemptCounter } from './attempt-counter.js';
export {
  DefaultBuyerVerification,
  MIN_TOKEN_SECRET_BYTES,
  normaliseEmail,
  normalisePostalCode,
  signBuyerToken,
} from './buyer-verification.js';
export type { BuyerVerificationOptions } from './buyer-verification.js';
