/**
 * Storage follows botbuilder's `Storage` contract (read / write / delete, unknown keys absent from
 * the read result, `eTag: '*'` or no eTag = unconditional write) so the same providers serve
 * botbuilder's own state classes and our conversation store. On an eTag mismatch every provider
 * throws `EtagConflictError`, which the turn runner treats as "someone else wrote first".
 */
import type { Storage, StoreItems } from 'botbuilder';

export type { Storage, StoreItems };

export class EtagConflictError extends Error {
  readonly code = 'ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing "${key}"`);
    this.name = 'EtagConflictError';
  }
}

/**
 * Shared state cannot be reached right now (Redis down, reconnecting, or not answering in time).
 * Providers fail fast with this instead of queueing, so a turn ends quickly and the bot can ask the
 * buyer to try again; the saved state is unchanged.
 */
export class StorageUnavailableError extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** Embedded default: process memory. Values are deep-copied (JSON) so callers never share objects. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  private nextEtag = 1;

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const raw = this.items.get(key);
      if (raw !== undefined) out[key] = JSON.parse(raw) as unknown;
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    // Check every key first so a conflicting batch writes nothing.
    for (const [key, item] of Object.entries(changes)) this.assertWritable(key, item);
    for (const [key, item] of Object.entries(changes)) {
      const eTag = String(this.nextEtag++);
      this.items.set(key, JSON.stringify({ ...(item as object), eTag }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** Every stored key (erasure tooling walks conversations with it). */
  async *keys(): AsyncIterable<string> {
    for (const key of [...this.items.keys()]) yield key;
  }

  private assertWritable(key: string, item: unknown): void {
    const eTag = (item as { eTag?: unknown } | null)?.eTag;
    if (eTag === undefined || eTag === '*') return;
    const current = this.items.get(key);
    const currentEtag = current === undefined ? undefined : (JSON.parse(current) as { eTag?: string }).eTag;
    if (currentEtag !== eTag) throw new EtagConflictError(key);
  }
}
