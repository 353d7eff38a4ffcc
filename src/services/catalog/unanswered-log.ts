/**
 * Questions the catalog and knowledge base could not answer, kept for the seller as a list to turn
 * into knowledge-base entries (`npm run presales:unanswered` prints it). Where they are kept is a
 * backend: one JSON line per question in <DATA_DIR>/presales/unanswered.jsonl, a Redis list shared by
 * every instance (redis-unanswered-store.ts), or, with neither, the last ones in memory.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Lang } from '../../domain/lang.js';

export interface UnansweredQuestion {
  at: string;
  lang: Lang;
  text: string;
  /** Product page the buyer was on. */
  page?: string;
  /** Why there was no answer (e.g. "none:uncovered:wifi"), for the seller's triage. */
  why: string;
}

/** Where the log lives beyond this process's memory. */
export interface UnansweredBackend {
  append(entry: UnansweredQuestion): Promise<void>;
  /** Oldest first. */
  list(): Promise<UnansweredQuestion[]>;
}

const MAX_TEXT = 500;
const MEMORY_MAX = 500;

const EntrySchema = z.object({ at: z.string(), lang: z.enum(['en', 'zh']), text: z.string(), page: z.string().optional(), why: z.string() });

/** Parses stored lines, skipping any that are not a question (a torn write, a hand edit). */
export function parseUnansweredLines(lines: readonly string[]): UnansweredQuestion[] {
  return lines
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        const r = EntrySchema.safeParse(JSON.parse(l));
        return r.success ? [r.data] : [];
      } catch {
        return [];
      }
    });
}

/** One JSON line per question in `<dir>/unanswered.jsonl`. */
export class FileUnansweredStore implements UnansweredBackend {
  constructor(readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, 'unanswered.jsonl');
  }

  async append(entry: UnansweredQuestion): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file, `${JSON.stringify(entry)}\n`, 'utf8');
  }

  async list(): Promise<UnansweredQuestion[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    return parseUnansweredLines(text.split('\n'));
  }
}

export class UnansweredLog {
  private readonly memory: UnansweredQuestion[] = [];
  private pending: Promise<void> = Promise.resolve();
  private readonly backend: UnansweredBackend | undefined;

  /** @param backend a store, or the folder of the log file; none keeps the last questions in memory only. */
  constructor(backend?: UnansweredBackend | string, private readonly onError: (err: unknown) => void = () => {}) {
    this.backend = typeof backend === 'string' ? new FileUnansweredStore(backend) : backend;
  }

  get file(): string | undefined {
    return this.backend instanceof FileUnansweredStore ? this.backend.file : undefined;
  }

  /** Fire and forget: a buyer's turn never waits for (or fails on) the log. */
  record(q: UnansweredQuestion): void {
    const entry = { ...q, text: q.text.slice(0, MAX_TEXT) };
    this.memory.push(entry);
    if (this.memory.length > MEMORY_MAX) this.memory.shift();
    const backend = this.backend;
    if (!backend) return;
    this.pending = this.pending.then(() => backend.append(entry)).catch(this.onError);
  }

  /** Resolves when every recorded question is written. */
  flush(): Promise<void> {
    return this.pending;
  }

  async list(): Promise<UnansweredQuestion[]> {
    if (!this.backend) return [...this.memory];
    await this.flush();
    return this.backend.list();
  }
}
