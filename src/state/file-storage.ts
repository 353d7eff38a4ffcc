/**
 * Single-process persistence without Redis: one JSON file per key under a directory, replaced
 * atomically (write to a temp file, then rename). The eTag compare-and-set (and create-only) is
 * atomic within this process (writes are serialised); several processes must use Redis instead.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ETAG_CREATE_ONLY, EtagConflictError, eTagOf, type Storage, type StoreItems } from './storage.js';

export class FileStorage implements Storage {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const item = await this.readOne(key);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }

  write(changes: StoreItems): Promise<void> {
    return this.serialised(async () => {
      await mkdir(this.dir, { recursive: true });
      for (const [key, item] of Object.entries(changes)) {
        const eTag = eTagOf(item);
        if (eTag !== undefined && eTag !== '*') {
          const current = await this.readOne(key);
          const conflict = eTag === ETAG_CREATE_ONLY ? current !== undefined : current?.eTag !== eTag;
          if (conflict) throw new EtagConflictError(key);
        }
      }
      for (const [key, item] of Object.entries(changes)) {
        const file = this.fileOf(key);
        const tmp = `${file}.${randomUUID()}.tmp`;
        await writeFile(tmp, JSON.stringify({ key, value: { ...(item as object), eTag: randomUUID() } }));
        await rename(tmp, file);
      }
    });
  }

  delete(keys: string[]): Promise<void> {
    return this.serialised(async () => {
      for (const key of keys) await rm(this.fileOf(key), { force: true });
    });
  }

  /** Every stored key (file names are hashes; the key is inside each file). For erasure tooling. */
  async *keys(): AsyncIterable<string> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const raw: unknown = JSON.parse(await readFile(join(this.dir, name), 'utf8'));
        if (typeof raw === 'object' && raw !== null && 'key' in raw && typeof raw.key === 'string') yield raw.key;
      } catch {
        // a file removed or replaced while we walk: skip it
      }
    }
  }

  private async readOne(key: string): Promise<{ eTag?: string } | undefined> {
    try {
      const raw = JSON.parse(await readFile(this.fileOf(key), 'utf8')) as { value: { eTag?: string } };
      return raw.value;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private fileOf(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
