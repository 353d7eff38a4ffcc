/** Failed-attempt counters behind the verification lockout (process memory, or Redis across instances). */

export interface AttemptCounter {
  /** Add one and (re)start the key's expiry; returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Current count, 0 when absent or expired. */
  get(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface InMemoryAttemptCounterOptions {
  /**
   * Most keys kept (every guessed order id is a key). When full, expired keys go first, then the
   * ones whose last failure is oldest, so memory stays bounded under a flood of guesses. Default 100 000.
   */
  maxKeys?: number;
}

/** Process-local counters with a sliding expiry (each failure restarts the lock period). */
export class InMemoryAttemptCounter implements AttemptCounter {
  /** In order of last failure, oldest first (a key is re-inserted on every increment). */
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();
  private readonly maxKeys: number;

  constructor(
    private readonly now: () => number = Date.now,
    options: InMemoryAttemptCounterOptions = {},
  ) {
    this.maxKeys = options.maxKeys ?? 100_000;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 1) throw new RangeError('maxKeys must be a positive integer');
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    // No await between reading and writing: concurrent failures must each count.
    const count = this.current(key) + 1;
    this.counts.delete(key);
    if (this.counts.size >= this.maxKeys) this.makeRoom();
    this.counts.set(key, { count, expiresAt: this.now() + ttlMs });
    return count;
  }

  async get(key: string): Promise<number> {
    return this.current(key);
  }

  async reset(key: string): Promise<void> {
    this.counts.delete(key);
  }

  /** Keys currently held (for tests and metrics). */
  get size(): number {
    return this.counts.size;
  }

  private current(key: string): number {
    const entry = this.counts.get(key);
    if (!entry) return 0;
    if (entry.expiresAt <= this.now()) {
      this.counts.delete(key);
      return 0;
    }
    return entry.count;
  }

  /**
   * Oldest first: expired keys sit at the front (one lock period for all keys), so this stops at
   * the first live one instead of walking the whole map; if still full, the oldest live key goes.
   */
  private makeRoom(): void {
    const now = this.now();
    for (const [key, entry] of this.counts) {
      if (entry.expiresAt > now && this.counts.size < this.maxKeys) break;
      this.counts.delete(key);
      if (entry.expiresAt > now) break;
    }
  }
}
