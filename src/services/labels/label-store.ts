/**
 * Where rendered label PDFs are kept, by RMA. The service renders a label once and serves it for as
 * long as a link to it can be valid; the store only keeps bytes. Files by default (one machine);
 * `RedisLabelStore` when several instances serve the same links.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LabelStore {
  /** Keeps a stored label for at least `ttlMs` more; false when there is none (render it then). */
  touch(rma: string, ttlMs: number): Promise<boolean>;
  /** Stores a freshly rendered label for `ttlMs`; when another writer got there first, theirs stays. */
  putIfAbsent(rma: string, pdf: Buffer, ttlMs: number): Promise<void>;
  /** The label's bytes; undefined when unknown or gone. Throws only when the store cannot answer. */
  get(rma: string): Promise<Buffer | undefined>;
}

/**
 * One `<rma>.pdf` per label in a directory. Files do not expire (the signed link does), so `ttlMs`
 * is not used here. The caller checks the RMA's characters before it becomes a file name.
 */
export class FileLabelStore implements LabelStore {
  constructor(readonly dir: string) {}

  file(rma: string): string {
    return join(this.dir, `${rma}.pdf`);
  }

  async touch(rma: string): Promise<boolean> {
    try {
      await access(this.file(rma));
      return true;
    } catch {
      return false;
    }
  }

  async putIfAbsent(rma: string, pdf: Buffer): Promise<void> {
    if (await this.touch(rma)) return;
    await mkdir(this.dir, { recursive: true });
    const file = this.file(rma);
    // Write-then-rename so a reader never sees half a PDF.
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, pdf, { flag: 'wx' });
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(rma: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(rma));
    } catch {
      return undefined;
    }
  }
}
