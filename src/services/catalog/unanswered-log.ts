/**
 * Questions the catalog and knowledge base could not answer, kept for the seller as a list to turn
 * into knowledge-base entries (`npm run presales:unanswered` prints it). One JSON line per question
 * in <DATA_DIR>/presales/unanswered.jsonl; without a data dir, the last ones in memory.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

const MAX_TEXT = 500;
const MEMORY_MAX = 500;

export class UnansweredLog {
  private readonly memory: UnansweredQuestion[] = [];
  private pending: Promise<void> = Promise.resolve();

  /** @param dir folder of the log file; none keeps the last questions in memory only. */
  constructor(private readonly dir?: string, private readonly onError: (err: unknown) => void = () => {}) {}

  get file(): string | undefined {
    return this.dir ? path.join(this.dir, 'unanswered.jsonl') : undefined;
  }

  /** Fire and forget: a buyer's turn never waits for (or fails on) the log. */
  record(q: UnansweredQuestion): void {
    const entry = { ...q, text: q.text.slice(0, MAX_TEXT) };
    this.memory.push(entry);
    if (this.memory.length > MEMORY_MAX) this.memory.shift();
    const file = this.file;
    if (!file || !this.dir) return;
    const dir = this.dir;
    this.pending = this.pending
      .then(async () => {
        await mkdir(dir, { recursive: true });
        await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
      })
      .catch(this.onError);
  }

  /** Resolves when every recorded question is written. */
  flush(): Promise<void> {
    return this.pending;
  }

  async list(): Promise<UnansweredQuestion[]> {
    const file = this.file;
    if (!file) return [...this.memory];
    await this.flush();
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as UnansweredQuestion];
        } catch {
          return [];
        }
      });
  }
}
