/**
 * Widget streams kept on disk with `DATA_DIR` (no Redis), like conversations: a buyer who reloads
 * the page after a restart still sees the history, and watermarks stay valid. One JSON-lines file
 * per conversation (named by a hash of its id), appended in order; the memory store serves reads
 * and live listeners, filled from the file on first use after a start.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryActivityStreamStore, type ActivityListener, type ActivityPage, type ActivityStreamStore, type DirectLineActivity } from './activity-stream-store.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** A line written by `append` (our own file; a hand-edited or torn line is skipped). */
function isActivity(v: unknown): v is DirectLineActivity {
  return isRecord(v) && typeof v.type === 'string' && typeof v.id === 'string' && typeof v.timestamp === 'string' && typeof v.channelId === 'string' && isRecord(v.conversation) && isRecord(v.from);
}

const isMissing = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT';
const isTaken = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST';

/** The file of one conversation's stream under the store's directory (erasure finds it by this name). */
export function streamFileName(conversationId: string): string {
  return `${createHash('sha256').update(conversationId).digest('base64url')}.jsonl`;
}

export class FileActivityStreamStore implements ActivityStreamStore {
  private readonly memory = new MemoryActivityStreamStore();
  /** Per-conversation chain: appends reach the file and the memory store in the same order. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private ready: Promise<void> | undefined;

  constructor(private readonly dir: string) {}

  private fileOf(conversationId: string): string {
    return join(this.dir, streamFileName(conversationId));
  }

  private serial<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(conversationId) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.chains.set(conversationId, next);
    void next.finally(() => {
      if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
    }).catch(() => undefined);
    return next;
  }

  private dirReady(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  /** True when the conversation exists (in memory, or on disk and now loaded). */
  private async load(conversationId: string): Promise<boolean> {
    if (await this.memory.exists(conversationId)) return true;
    let text: string;
    try {
      text = await readFile(this.fileOf(conversationId), 'utf8');
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
    if (await this.memory.exists(conversationId)) return true;
    await this.memory.open(conversationId);
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        // A torn last line (crash mid-write) is skipped; the rest of the history stays readable.
        continue;
      }
      if (isActivity(parsed)) await this.memory.append(conversationId, parsed);
    }
    return true;
  }

  open(conversationId: string): Promise<boolean> {
    return this.serial(conversationId, async () => {
      if (await this.load(conversationId)) return false;
      await this.dirReady();
      try {
        await writeFile(this.fileOf(conversationId), '', { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if (isTaken(err)) return false;
        throw err;
      }
      return this.memory.open(conversationId);
    });
  }

  exists(conversationId: string): Promise<boolean> {
    return this.serial(conversationId, () => this.load(conversationId));
  }

  append(conversationId: string, activity: DirectLineActivity): Promise<number> {
    return this.serial(conversationId, async () => {
      if (!(await this.load(conversationId))) {
        await this.dirReady();
        await this.memory.open(conversationId);
      }
      await appendFile(this.fileOf(conversationId), `${JSON.stringify(activity)}\n`, { mode: 0o600 });
      return this.memory.append(conversationId, activity);
    });
  }

  async list(conversationId: string, watermark: number, limit?: number): Promise<ActivityPage> {
    await this.exists(conversationId);
    return this.memory.list(conversationId, watermark, limit);
  }

  async subscribe(conversationId: string, listener: ActivityListener): Promise<() => Promise<void>> {
    await this.exists(conversationId);
    return this.memory.subscribe(conversationId, listener);
  }
}
