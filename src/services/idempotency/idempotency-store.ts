/**
 * Exactly-once effects for retried turns: the first call with a key runs `fn` and stores its JSON
 * result; later calls with the same key get that result without running `fn` again. A call may
 * name its request: the store keeps a fingerprint of it with the result, and a later call with the
 * same key but a different request fails with `IdempotencyConflictError` instead of silently
 * getting the first request's result.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface IdempotencyRunOptions {
  /**
   * What this call asks for (JSON data, e.g. the service method's input). Its fingerprint is
   * stored with the result; a repeated key with a different request is refused.
   */
  request?: unknown;
}

export interface IdempotencyStore {
  /**
   * Run `fn` once per key. Concurrent calls with one key share the single run. A throwing `fn`
   * stores nothing, so the caller may retry. `parse` turns the stored JSON back into a `T`
   * (stored results come back from disk or Redis as unknown data; validate, don't trust).
   * Throws `IdempotencyConflictError` when the key was used for a different `request`.
   */
  run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T, options?: IdempotencyRunOptions): Promise<T>;
}

/** A key reused for a different request: a caller bug or a forged key, never answered with the old result. */
export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(readonly key: string) {
    super(`Idempotency: key "${key}" was already used for a different request`);
    this.name = 'IdempotencyConflictError';
  }
}

/** JSON (of plain JSON data) with object keys sorted at every level: equal data, same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the request's canonical JSON, base64url (always 43 characters); undefined without a request. */
export function requestFingerprint(options: IdempotencyRunOptions | undefined): string | undefined {
  if (!options || !('request' in options)) return undefined;
  // Through JSON first, so the fingerprint sees what would be stored (dates as strings, no undefined).
  const plain: unknown = JSON.parse(JSON.stringify(options.request) ?? 'null');
  return createHash('sha256').update(canonicalJson(plain)).digest('base64url');
}

/** Results stored before fingerprints existed (or by callers naming no request) match any request. */
export function assertSameRequest(key: string, stored: string | undefined, given: string | undefined): void {
  if (stored !== undefined && given !== undefined && stored !== given) throw new IdempotencyConflictError(key);
}

export interface InMemoryIdempotencyStoreOptions {
  /** How long a result is remembered. Default 24 hours. */
  ttlMs?: number;
  now?: () => number;
  /** Keep results in this JSON file so a restart still answers retried keys. */
  filePath?: string;
}

interface Entry {
  json: string;
  expiresAt: number;
  /** Fingerprint of the request that produced `json`. */
  fp?: string;
}

/** Process-local store (optionally persisted to one JSON file). A Redis store can implement the same interface. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, { fp: string | undefined; result: Promise<string> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly filePath: string | undefined;
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: InMemoryIdempotencyStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.filePath = options.filePath;
  }

  async run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T, options?: IdempotencyRunOptions): Promise<T> {
    const fp = requestFingerprint(options);
    await this.load();
    const stored = this.entries.get(key);
    if (stored && stored.expiresAt > this.now()) {
      assertSameRequest(key, stored.fp, fp);
      return parse(JSON.parse(stored.json));
    }
    let pending = this.inflight.get(key);
    if (pending) assertSameRequest(key, pending.fp, fp);
    else {
      pending = { fp, result: this.execute(key, fn, fp) };
      this.inflight.set(key, pending);
    }
    return parse(JSON.parse(await pending.result));
  }

  /** Number of remembered keys (for tests and metrics). */
  size(): number {
    return this.entries.size;
  }

  private async execute<T>(key: string, fn: () => Promise<T>, fp: string | undefined): Promise<string> {
    try {
      const result = await fn();
      const json = JSON.stringify(result) ?? 'null';
      this.entries.set(key, { json, expiresAt: this.now() + this.ttlMs, ...(fp === undefined ? {} : { fp }) });
      await this.persist();
      return json;
    } finally {
      this.inflight.delete(key);
    }
  }

  private load(): Promise<void> {
    this.loaded ??= this.readFile();
    return this.loaded;
  }

  private async readFile(): Promise<void> {
    if (!this.filePath) return;
    const data = await readJsonIfExists(this.filePath);
    if (typeof data !== 'object' || data === null) return;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value === 'object' && value !== null && 'json' in value && 'expiresAt' in value) {
        const { json, expiresAt } = value;
        const fp = 'fp' in value && typeof value.fp === 'string' ? value.fp : undefined;
        if (typeof json === 'string' && typeof expiresAt === 'number' && expiresAt > this.now()) {
          this.entries.set(key, { json, expiresAt, ...(fp === undefined ? {} : { fp }) });
        }
      }
    }
  }

  private persist(): Promise<void> {
    const filePath = this.filePath;
    if (!filePath) return Promise.resolve();
    // a failed write must not wedge the chain: the next write retries with the full state
    this.writing = this.writing.catch(() => undefined).then(async () => {
      const now = this.now();
      const out: Record<string, Entry> = {};
      for (const [k, e] of this.entries) if (e.expiresAt > now) out[k] = e;
      await writeJsonAtomic(filePath, out);
    });
    return this.writing;
  }
}

/** The parsed JSON of a state file, or undefined when the file does not exist yet. */
export async function readJsonIfExists(filePath: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as unknown;
}

/** Write to a temp file then rename, so a crash never leaves half a JSON file. */
export async function writeJsonAtomic(filePath: string, data: unknown): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data, null, 2), 'utf8');
  await rename(tmp, filePath);
}
