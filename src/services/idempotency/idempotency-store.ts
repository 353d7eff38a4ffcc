/**
 * Exactly-once effects for retried turns: the first call with a key runs `fn` and stores its JSON
 * result; later calls with the same key get that result without running `fn` again.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface IdempotencyStore {
  /**
   * Run `fn` once per key. Concurrent calls with one key share the single run. A throwing `fn`
   * stores nothing, so the caller may retry. `parse` turns the stored JSON back into a `T`
   * (stored results come back from disk or Redis as unknown data; validate, don't trust).
   */
  run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T): Promise<T>;
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
}

/** Process-local store (optionally persisted to one JSON file). A Redis store can implement the same interface. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();
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

  async run<T>(key: string, fn: () => Promise<T>, parse: (raw: unknown) => T): Promise<T> {
    await this.load();
    const stored = this.entries.get(key);
    if (stored && stored.expiresAt > this.now()) return parse(JSON.parse(stored.json));
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.execute(key, fn);
      this.inflight.set(key, pending);
    }
    return parse(JSON.parse(await pending));
  }

  /** Number of remembered keys (for tests and metrics). */
  size(): number {
    return this.entries.size;
  }

  private async execute<T>(key: string, fn: () => Promise<T>): Promise<string> {
    try {
      const result = await fn();
      const json = JSON.stringify(result) ?? 'null';
      this.entries.set(key, { json, expiresAt: this.now() + this.ttlMs });
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
        if (typeof json === 'string' && typeof expiresAt === 'number' && expiresAt > this.now()) {
          this.entries.set(key, { json, expiresAt });
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
