/**
 * Agent activities handled once, whichever instance receives them: Teams redelivers an activity
 * when we answer slowly or fail, and behind a load balancer the redelivery may reach another
 * instance. An id is claimed before the work runs (a concurrent duplicate waits for the holder and
 * is then dropped), marked done when the work succeeds, and released when it fails or asks to be
 * retried, so a later redelivery is processed instead of being lost. Built on an IdempotencyStore:
 * the Redis one shares claims across instances, the bounded memory one below serves one process.
 */
import type { IdempotencyStore } from '../../services/idempotency/idempotency-store.js';

/** What the work says about itself: `retry` (e.g. the buyer was not reached) frees the id for a redelivery. */
export type WorkOutcome = 'done' | 'retry';

export interface ActivityDedup {
  /** `ran`: the work ran in this call; `duplicate`: the id was (or is being) handled by another call. */
  once(id: string, work: () => Promise<WorkOutcome>): Promise<'ran' | 'duplicate'>;
}

/** Thrown inside the store to release the claim without storing a result. */
class ReleaseClaim extends Error {}

export function activityDedup(store: IdempotencyStore, namespace = 'activity'): ActivityDedup {
  return {
    async once(id, work) {
      let ran = false;
      try {
        await store.run(
          `${namespace}:${id}`,
          async () => {
            ran = true;
            if ((await work()) === 'retry') throw new ReleaseClaim();
            return true;
          },
          () => true,
        );
      } catch (err) {
        if (err instanceof ReleaseClaim) return ran ? 'ran' : 'duplicate';
        throw err;
      }
      return ran ? 'ran' : 'duplicate';
    },
  };
}

/**
 * One process's IdempotencyStore with a bounded number of remembered results (the oldest are
 * forgotten first): enough to catch redeliveries, which come within minutes. Concurrent calls with
 * one key share a single run; a failing run stores nothing.
 */
export class BoundedMemoryIdempotencyStore implements IdempotencyStore {
  private readonly results = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<string>>();
  constructor(private readonly capacity = 10_000) {}

  async run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T): Promise<T> {
    const stored = this.results.get(key);
    if (stored !== undefined) return parse(JSON.parse(stored));
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.execute(key, fn);
      this.inflight.set(key, pending);
    }
    return parse(JSON.parse(await pending));
  }

  private async execute<T>(key: string, fn: () => Promise<T>): Promise<string> {
    try {
      const json = JSON.stringify(await fn()) ?? 'null';
      this.results.set(key, json);
      if (this.results.size > this.capacity) {
        const oldest = this.results.keys().next();
        if (!oldest.done) this.results.delete(oldest.value);
      }
      return json;
    } finally {
      this.inflight.delete(key);
    }
  }
}
