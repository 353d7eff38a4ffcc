/** A failure the buyer can be told about (stable code → reply key), as opposed to a crash. */
export type Outcome<T, Code extends string> = { ok: true; value: T } | { ok: false; code: Code };

/**
 * Why a buyer could not be verified. `no_match` deliberately covers both "no such order" and
 * "details don't match" so the reply never reveals which order ids exist.
 */
export type VerificationFailure = 'no_match' | 'locked';
