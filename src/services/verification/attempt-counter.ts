/** Failed-attempt counters behind the verification lockout; Redis can implement the same interface. */

export interface AttemptCounter {
  /** Add one and (re)start the key's expiry; returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Current count, 0 when absent or expired. */
  get(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

/** Process-local counters with a sliding expiry (each failure restarts the lock period). */
export class InMemoryAttemptCounter implements AttemptCounter {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttlMs: number): Promise<number> {
    const count = (await this.get(key)) + 1;
    this.counts.set(key, { count, expiresAt: this.now() + ttlMs });
    return count;
  }

  async get(key: string): Promise<number> {
    const entry = this.counts.get(key);
    if (!entry) return 0;
    if (entry.expiresAt <= this.now()) {
      this.counts.delete(key);
      return 0;
    }
    return entry.count;
  }

  async reset(key: string): Promise<void> {
    this.counts.delete(key);
  }
}
