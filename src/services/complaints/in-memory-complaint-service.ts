/** Complaints recorded for agents (seed 004: respond in time); optionally kept in `<dataDir>/complaints.json`. */
import { join } from 'node:path';
import { z } from 'zod';
import type { ComplaintRecord } from '../../domain/complaint.js';
import type { ComplaintService } from '../ports.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { InMemoryIdempotencyStore, readJsonIfExists, writeJsonAtomic } from '../idempotency/idempotency-store.js';
import { randomBase32 } from '../orders/ids.js';

export const ComplaintRecordSchema: z.ZodType<ComplaintRecord> = z.object({
  id: z.string(),
  conversationId: z.string(),
  orderId: z.string().optional(),
  mentionedOrderId: z.string().optional(),
  category: z.enum(['product_quality', 'delivery', 'service', 'description_mismatch', 'negative_review', 'other']),
  severity: z.enum(['normal', 'severe']),
  summary: z.string(),
  buyerText: z.array(z.string()),
  photos: z.array(z.string()).optional(),
  reviewBargain: z.boolean().optional(),
  createdAt: z.string(),
});

export interface InMemoryComplaintServiceOptions {
  now?: () => Date;
  idempotency?: IdempotencyStore;
  /** Keep complaints in `<dataDir>/complaints.json`. */
  dataDir?: string;
}

export interface ComplaintFilter {
  severity?: ComplaintRecord['severity'];
  orderId?: string;
  conversationId?: string;
}

export type RecordComplaintInput = Omit<ComplaintRecord, 'id' | 'createdAt'> & { idempotencyKey: string };

/** What the agents' side reads, on top of recording: the same in memory, on disk and in Redis. */
export interface ComplaintLog extends ComplaintService {
  list(filter?: ComplaintFilter): Promise<ComplaintRecord[]>;
  get(id: string): Promise<ComplaintRecord | undefined>;
}

/** Newest first (ties by id, newest-looking first), filtered: the order the agent queue shows. */
export function sortAndFilter(records: Iterable<ComplaintRecord>, filter: ComplaintFilter): ComplaintRecord[] {
  return [...records]
    .filter(
      (r) =>
        (filter.severity === undefined || r.severity === filter.severity) &&
        (filter.orderId === undefined || r.orderId === filter.orderId) &&
        (filter.conversationId === undefined || r.conversationId === filter.conversationId),
    )
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
}

export const COMPLAINTS_FILE = 'complaints.json';

export class InMemoryComplaintService implements ComplaintLog {
  private readonly records = new Map<string, ComplaintRecord>();
  private readonly now: () => Date;
  private readonly idempotency: IdempotencyStore;
  private readonly filePath: string | undefined;
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: InMemoryComplaintServiceOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.filePath = options.dataDir ? join(options.dataDir, COMPLAINTS_FILE) : undefined;
    this.idempotency =
      options.idempotency ??
      new InMemoryIdempotencyStore(options.dataDir ? { filePath: join(options.dataDir, 'complaints-idempotency.json') } : {});
  }

  record(input: RecordComplaintInput): Promise<ComplaintRecord> {
    return this.idempotency.run(
      `complaints:record:${input.conversationId}:${input.idempotencyKey}`,
      async () => {
        await this.load();
        const { idempotencyKey: _key, ...rest } = input;
        const record: ComplaintRecord = {
          ...structuredClone(rest),
          id: this.uniqueId(),
          createdAt: this.now().toISOString(),
        };
        this.records.set(record.id, record);
        await this.persist();
        return structuredClone(record);
      },
      (raw) => ComplaintRecordSchema.parse(raw),
      { request: input },
    );
  }

  /** Newest first: what the agent queue shows. */
  async list(filter: ComplaintFilter = {}): Promise<ComplaintRecord[]> {
    await this.load();
    return sortAndFilter(this.records.values(), filter).map((r) => structuredClone(r));
  }

  async get(id: string): Promise<ComplaintRecord | undefined> {
    await this.load();
    const r = this.records.get(id);
    return r ? structuredClone(r) : undefined;
  }

  private uniqueId(): string {
    for (;;) {
      const id = `CMP-${randomBase32(10)}`;
      if (!this.records.has(id)) return id;
    }
  }

  private load(): Promise<void> {
    this.loaded ??= this.readState();
    return this.loaded;
  }

  private async readState(): Promise<void> {
    if (!this.filePath) return;
    const data = await readJsonIfExists(this.filePath);
    if (data === undefined) return;
    const parsed = z.array(ComplaintRecordSchema).safeParse(data);
    if (!parsed.success) throw new Error(`Complaint store ${this.filePath} is invalid: ${z.prettifyError(parsed.error)}`);
    for (const r of parsed.data) this.records.set(r.id, r);
  }

  private persist(): Promise<void> {
    const filePath = this.filePath;
    if (!filePath) return Promise.resolve();
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonAtomic(filePath, [...this.records.values()]));
    return this.writing;
  }
}
