/**
 * Storage follows botbuilder's `Storage` contract (read / write / delete, unknown keys absent from
 * the read result, `eTag: '*'` or no eTag = unconditional write) so the same providers serve
 * botbuilder's own state classes and our conversation store. On an eTag mismatch every provider
 * throws `EtagConflictError`, which the turn runner treats as "someone else wrote first".
 * One addition: the eTag `ETAG_CREATE_ONLY` writes only a key that does not exist yet.
 */
import type { Storage, StoreItems } from 'botbuilder';

export type { Storage, StoreItems };

/**
 * eTag meaning "create only": the write succeeds only when the key does not exist, else it throws
 * `EtagConflictError` (nothing of the batch is written). The conversation store uses it for a
 * conversation's first save, so two instances racing the very first turn cannot overwrite each
 * other. No provider ever issues it as a real eTag ('!' is in none of their alphabets), and
 * botbuilder's callers never send it, so their contract is unchanged.
 */
export const ETAG_CREATE_ONLY = '!create-only';

/** The `eTag` field of a change, if it has one (items are plain objects; anything else has none). */
export function eTagOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'eTag' in item ? item.eTag : undefined;
}

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
    const eTag = eTagOf(item);
    if (eTag === undefined || eTag === '*') return;
    const current = this.items.get(key);
    if (eTag === ETAG_CREATE_ONLY) {
      if (current !== undefined) throw new EtagConflictError(key);
      return;
    }
    const currentEtag = current === undefined ? undefined : (JSON.parse(current) as { eTag?: string }).eTag;
    if (currentEtag !== eTag) throw new EtagConflictError(key);
  }
}
