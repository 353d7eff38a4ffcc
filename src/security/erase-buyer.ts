/**
 * Right to erasure: remove everything this process can reach about one buyer's conversations, from
 * whichever backend is configured. A buyer is named by a conversation id, or by an email: then every
 * conversation whose state or transcript mentions that email, or one of that buyer's order ids, is
 * erased (buyers who verified with a postal code only left the order id, not the email, behind).
 *
 * Per conversation: the state record (with the buyer's conversation reference in it) and its
 * companion keys (lock, rate counter, widget stream), the transcript; on Redis also the handoff
 * tickets with their relayed messages and indexes, the Teams conversation reference key earlier
 * versions kept apart from the record, ticket threads, and remembered effect results (orders,
 * complaints, agent turns) keyed by the conversation, its complaints and the return-label PDFs it
 * names; under DATA_DIR the complaints, effect results, return-label PDFs and uploaded photos it names. Not reachable from here: handoff cards already
 * posted in Microsoft Teams (delete them there), and anything a running app keeps in its own memory
 * (e.g. live dialog actors, which go after 10 idle minutes).
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { streamFileName } from '../channels/direct-line/file-activity-stream-store.js';
import type { Storage } from '../state/storage.js';
import { conversationKey, unpackRecord } from '../state/conversation-store.js';
import type { TranscriptEntry, TranscriptStore } from '../state/transcript-store.js';
import { prefixKey, redisCall, type RedisCommander } from '../state/redis-client.js';
import { unpackTranscriptLines } from '../state/transcript-codec.js';
import { readJsonIfExists, writeJsonAtomic } from '../services/idempotency/idempotency-store.js';

/** A storage that can list its keys (memory, file and Redis storages do). */
export interface ListableStorage extends Storage {
  keys(match?: string): AsyncIterable<string>;
}

export interface EraseTarget {
  /** Erase this conversation. */
  conversationId?: string;
  /** Erase every conversation mentioning this email (case-insensitive). */
  email?: string;
  /** Also match conversations mentioning these order ids (the buyer's orders). */
  orderIds?: readonly string[];
}

export const ERASE_KINDS = [
  'records',
  'transcripts',
  'handoffTickets',
  'handoffMessages',
  'teamsReferences',
  'teamsThreads',
  'complaints',
  'effectResults',
  'labels',
  'uploads',
] as const;
export type EraseKind = (typeof ERASE_KINDS)[number];

export interface EraseReport {
  /** Conversations erased. */
  conversations: string[];
  /** Conversations looked at. */
  scanned: number;
  /** How many items of each kind were removed. */
  erased: Record<EraseKind, number>;
}

export interface EraseDeps {
  storage: ListableStorage;
  transcripts: TranscriptStore;
  /** The app's Redis (same prefix as REDIS_KEY_PREFIX): handoff, Teams stores, effect results. */
  redis?: { commander: RedisCommander; prefix: string };
  /** The app's DATA_DIR (complaints, effect results, labels) and its widget upload directory. */
  files?: { dataDir?: string; uploadDir?: string };
}

/** Per-conversation keys besides the record, erased with it (absent ones are ignored). */
const CONVERSATION_SUFFIXES = ['record', 'lock', 'rate', 'dl:meta', 'dl:activities', 'verify-failures'];

const RECORD_KEY = /^\{conv:(.*)\}:record$/;
/** Return authorisations (src/services/orders/ids.ts) name their label file. */
const RMA = /RMA-[A-Z2-7]{10}/g;
/** Names the widget gives uploaded photos (src/channels/direct-line/attachments.ts). */
const PHOTO = /\b[a-f0-9]{32}\.(?:jpg|png|webp)\b/g;

/** What a conversation points at elsewhere (label files, photos), gathered before it is erased. */
interface Refs {
  rmas: Set<string>;
  photos: Set<string>;
}

function collect(refs: Refs, text: string): void {
  for (const m of text.matchAll(RMA)) refs.rmas.add(m[0]);
  for (const m of text.matchAll(PHOTO)) refs.photos.add(m[0]);
}

function emptyCounts(): Record<EraseKind, number> {
  return { records: 0, transcripts: 0, handoffTickets: 0, handoffMessages: 0, teamsReferences: 0, teamsThreads: 0, complaints: 0, effectResults: 0, labels: 0, uploads: 0 };
}

export async function eraseBuyer(target: EraseTarget, deps: EraseDeps): Promise<EraseReport> {
  const needles = [target.email, ...(target.orderIds ?? [])].filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim().toLowerCase());
  const ids = new Set<string>();
  if (target.conversationId) ids.add(target.conversationId);
  let scanned = 0;
  if (needles.length > 0) {
    for await (const key of deps.storage.keys(conversationKey('*', 'record'))) {
      const id = RECORD_KEY.exec(key)?.[1];
      if (id === undefined || ids.has(id)) continue;
      scanned++;
      if (await mentions(id, key, needles, deps)) ids.add(id);
    }
  }
  const erased = emptyCounts();
  const refs: Refs = { rmas: new Set(), photos: new Set() };
  const complaints = deps.files?.dataDir ? new ComplaintFiles(join(deps.files.dataDir, 'complaints')) : undefined;
  // Complaints about the buyer's orders belong to the erased buyer even when the conversation is gone.
  for (const id of (await complaints?.conversationsMatching(needles)) ?? []) ids.add(id);

  const redis = deps.redis ? new RedisBuyerData(deps.redis.commander, deps.redis.prefix) : undefined;
  for (const id of (await redis?.complaintConversationsMatching(needles)) ?? []) ids.add(id);
  for (const id of ids) {
    const key = conversationKey(id, 'record');
    const record = (await deps.storage.read([key]))[key];
    if (record !== undefined) {
      erased.records++;
      collect(refs, JSON.stringify(unpackRecord(record) ?? null));
    }
    const lines = await deps.transcripts.list(id);
    if (lines.length > 0) erased.transcripts++;
    for (const line of lines) collect(refs, transcriptText(line));
    if (redis) await redis.erase(id, erased, refs);
    await deps.storage.delete(CONVERSATION_SUFFIXES.map((s) => conversationKey(id, s)));
    await deps.transcripts.delete(id);
  }
  if (complaints) erased.complaints += await complaints.erase(ids, refs);
  if (redis) {
    // With REDIS_URL the complaint list and the label PDFs live in Redis (src/app.ts), not under DATA_DIR.
    erased.complaints += await redis.eraseComplaints(ids, refs);
    erased.labels += await redis.eraseLabels(refs.rmas);
  }
  if (deps.files?.dataDir) {
    const dir = deps.files.dataDir;
    erased.effectResults += await eraseEffectFile(join(dir, 'orders', 'orders-idempotency.json'), ids, refs);
    erased.effectResults += await eraseEffectFile(join(dir, 'complaints', 'complaints-idempotency.json'), ids, refs);
    erased.labels += await removeFiles(join(dir, 'labels'), [...refs.rmas].map((rma) => `${rma}.pdf`));
    // The widget's history of each conversation (FileActivityStreamStore), counted with the transcripts.
    erased.transcripts += await removeFiles(join(dir, 'streams'), [...ids].map(streamFileName));
  }
  if (deps.files?.uploadDir) erased.uploads += await removeFiles(deps.files.uploadDir, [...refs.photos]);
  return { conversations: [...ids], scanned, erased };
}

function transcriptText(line: TranscriptEntry): string {
  return [line.text, line.key ?? '', ...(line.photos ?? [])].join('\n');
}

async function mentions(id: string, key: string, needles: string[], deps: { storage: Storage; transcripts: TranscriptStore }): Promise<boolean> {
  const items = await deps.storage.read([key]);
  const state = JSON.stringify(unpackRecord(items[key]) ?? null).toLowerCase();
  if (needles.some((n) => state.includes(n))) return true;
  const lines = await deps.transcripts.list(id);
  return lines.some((l) => needles.some((n) => l.text.toLowerCase().includes(n)));
}

/** Files that exist among `names` in `dir`, removed; how many. */
async function removeFiles(dir: string, names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  let present: Set<string>;
  try {
    present = new Set(await readdir(dir));
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    if (!present.has(name)) continue;
    await rm(join(dir, name), { force: true });
    n++;
  }
  return n;
}

/**
 * Effect keys name the conversation: `<service>:<operation>:<subject>:<conversationId>:<turnId>:<action>`
 * (dialogs/services.ts effectKey) for orders, `complaints:record:<conversationId>:…` for complaints.
 */
function effectKeyOf(key: string, ids: ReadonlySet<string>): boolean {
  for (const id of ids) {
    if (key.startsWith(`complaints:record:${id}:`)) return true;
    const m = /^orders:[a-z]+:[^:]+:(.*)$/.exec(key);
    if (m?.[1]?.startsWith(`${id}:`)) return true;
    if (key.startsWith(`agent-turn:${id}|`)) return true;
  }
  return false;
}

/** Removes the entries of one idempotency file (InMemoryIdempotencyStore's JSON) that name the conversations. */
async function eraseEffectFile(path: string, ids: ReadonlySet<string>, refs: Refs): Promise<number> {
  if (ids.size === 0) return 0;
  const data = await readJsonIfExists(path);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 0;
  const kept: Record<string, unknown> = {};
  let n = 0;
  for (const [key, value] of Object.entries(data)) {
    if (effectKeyOf(key, ids)) {
      // A remembered return names its RMA (the label file) and the photos sent as evidence.
      collect(refs, JSON.stringify(value));
      n++;
    } else kept[key] = value;
  }
  if (n > 0) await writeJsonAtomic(path, kept);
  return n;
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `<dataDir>/complaints/complaints.json` (InMemoryComplaintService's file). */
class ComplaintFiles {
  constructor(private readonly dir: string) {}

  private async load(): Promise<Record<string, unknown>[]> {
    const data = await readJsonIfExists(join(this.dir, 'complaints.json'));
    return Array.isArray(data) ? data.filter(isRecordObject) : [];
  }

  /** Conversations of complaints about one of the buyer's orders, or mentioning the email. */
  async conversationsMatching(needles: string[]): Promise<string[]> {
    if (needles.length === 0) return [];
    const out: string[] = [];
    for (const c of await this.load()) {
      const text = JSON.stringify(c).toLowerCase();
      if (typeof c.conversationId === 'string' && needles.some((n) => text.includes(n))) out.push(c.conversationId);
    }
    return out;
  }

  async erase(ids: ReadonlySet<string>, refs: Refs): Promise<number> {
    const all = await this.load();
    const gone = all.filter((c) => typeof c.conversationId === 'string' && ids.has(c.conversationId));
    if (gone.length === 0) return 0;
    for (const c of gone) collect(refs, JSON.stringify(c));
    await writeJsonAtomic(
      join(this.dir, 'complaints.json'),
      all.filter((c) => !gone.includes(c)),
    );
    return gone.length;
  }
}

/** SCAN MATCH treats these as pattern characters: an id is matched literally. */
function globEscape(value: string): string {
  return value.replace(/[\\*?[\]]/g, (ch) => `\\${ch}`);
}

/**
 * The Redis keys that name one conversation outside its `{conv:<id>}` keys. The layouts are those
 * documented in src/services/handoff/redis-handoff-queue.ts, src/channels/teams/redis-stores.ts and
 * src/state/redis-idempotency-store.ts (namespaces as wired in src/app.ts).
 */
class RedisBuyerData {
  constructor(
    private readonly redis: RedisCommander,
    private readonly prefix: string,
  ) {}

  private key(k: string): string {
    return prefixKey(this.prefix, k);
  }

  private call(op: string, args: string[]): Promise<unknown> {
    return redisCall(`erase ${op}`, () => this.redis.sendCommand(args));
  }

  private async del(keys: string[]): Promise<number> {
    let n = 0;
    for (const k of keys) n += Number(await this.call('del', ['DEL', k]));
    return n;
  }

  private async *scan(match: string): AsyncIterable<string> {
    let cursor = '0';
    do {
      const reply = await this.call('scan', ['SCAN', cursor, 'MATCH', match, 'COUNT', '500']);
      if (!Array.isArray(reply) || typeof reply[0] !== 'string' || !Array.isArray(reply[1])) throw new Error('erase: unexpected SCAN reply');
      cursor = reply[0];
      for (const k of reply[1]) if (typeof k === 'string') yield k;
    } while (cursor !== '0');
  }

  async erase(conversationId: string, erased: Record<EraseKind, number>, refs: Refs): Promise<void> {
    // The raw transcript lines: they name uploaded photos even where a reader of the store drops that field.
    const lines = await redisCall('erase transcript', () =>
      this.redis.sendCommand(['LRANGE', this.key(conversationKey(conversationId, 'transcript')), '0', '-1'], { buffers: true }),
    );
    if (Array.isArray(lines)) collect(refs, lines.flatMap((l) => (Buffer.isBuffer(l) ? unpackTranscriptLines(l).map((v) => JSON.stringify(v)) : [])).join('\n'));
    const handoff = this.key('{handoff}');
    const conversationSet = `${handoff}:conversation:${conversationId}`;
    const tickets = await this.call('tickets', ['ZRANGE', conversationSet, '0', '-1']);
    const ticketIds = Array.isArray(tickets) ? tickets.filter((t): t is string => typeof t === 'string') : [];
    for (const ticketId of ticketIds) {
      const ticketKey = `${handoff}:ticket:${ticketId}`;
      const messagesKey = `${handoff}:messages:${ticketId}`;
      const fields = await this.call('ticket', ['HGETALL', ticketKey]);
      if (Array.isArray(fields)) collect(refs, fields.filter((f) => typeof f === 'string').join('\n'));
      const messages = await this.call('messages', ['LRANGE', messagesKey, '0', '-1']);
      if (Array.isArray(messages)) {
        erased.handoffMessages += messages.length;
        collect(refs, messages.filter((m) => typeof m === 'string').join('\n'));
      }
      erased.handoffTickets += await this.del([ticketKey]);
      await this.del([messagesKey]);
      await this.call('unqueue', ['ZREM', `${handoff}:waiting`, ticketId]);
      await this.call('unqueue', ['ZREM', `${handoff}:open`, ticketId]);
      erased.teamsThreads += await this.eraseThread(ticketId);
    }
    await this.del([conversationSet]);
    // Idempotency keys of the conversation's handoff requests (`<conversationId>:<turnId>:handoff`) → ticket id.
    const mine = new Set(ticketIds);
    for await (const k of this.scan(`${handoff}:key:${globEscape(conversationId)}:*`)) {
      const value = await this.call('key', ['GET', k]);
      if (typeof value === 'string' && mine.has(value)) await this.del([k]);
    }
    // Written by versions that kept the buyer's reference apart from the record (now it goes with the record).
    erased.teamsReferences += await this.del([this.key(`teams:ref:${conversationId}`)]);
    const ids = new Set([conversationId]);
    for (const [namespace, match] of [
      ['orders', `orders:*:*:${globEscape(conversationId)}:*`],
      ['complaints', `complaints:record:${globEscape(conversationId)}:*`],
      ['teams', `agent-turn:${globEscape(conversationId)}|*`],
    ] as const) {
      const base = this.key(`${namespace}:idem:`);
      for await (const k of this.scan(`${base}${match}`)) {
        if (!effectKeyOf(k.slice(base.length), ids)) continue;
        const value = await this.call('effect', ['GET', k]);
        if (typeof value === 'string') collect(refs, value);
        // Includes the copy of each complaint its recording remembered (on Redis without DATA_DIR, the only one outside the app).
        erased.effectResults += await this.del([k]);
      }
    }
  }

  /** The complaint list (src/services/complaints/redis-complaint-service.ts): id → record JSON. */
  private async complaintRecords(): Promise<[string, Record<string, unknown>][]> {
    const reply = await this.call('complaints', ['HVALS', this.key('{complaints}:records')]);
    const out: [string, Record<string, unknown>][] = [];
    for (const raw of Array.isArray(reply) ? reply : []) {
      try {
        const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : undefined;
        if (isRecordObject(value) && typeof value.id === 'string') out.push([value.id, value]);
      } catch {
        // Not ours to judge: an unreadable entry names no conversation.
      }
    }
    return out;
  }

  /** Conversations of complaints about one of the buyer's orders, or mentioning the email. */
  async complaintConversationsMatching(needles: string[]): Promise<string[]> {
    if (needles.length === 0) return [];
    return (await this.complaintRecords())
      .filter(([, c]) => typeof c.conversationId === 'string' && needles.some((n) => JSON.stringify(c).toLowerCase().includes(n)))
      .map(([, c]) => String(c.conversationId));
  }

  /** The conversations' complaint records and the keys that remember their recording. */
  async eraseComplaints(ids: ReadonlySet<string>, refs: Refs): Promise<number> {
    let n = 0;
    for (const [id, c] of await this.complaintRecords()) {
      if (typeof c.conversationId !== 'string' || !ids.has(c.conversationId)) continue;
      collect(refs, JSON.stringify(c));
      n += Number(await this.call('complaint', ['HDEL', this.key('{complaints}:records'), id]));
    }
    for (const id of ids) {
      for await (const k of this.scan(this.key(`{complaints}:key:${globEscape(id)}:*`))) await this.del([k]);
    }
    return n;
  }

  /** Return-label PDFs (src/services/labels/redis-label-store.ts) of the RMAs the conversations name. */
  async eraseLabels(rmas: ReadonlySet<string>): Promise<number> {
    return this.del([...rmas].map((rma) => this.key(`{label:${rma}}:pdf`)));
  }

  /** The ticket's Teams thread and its root-message index. */
  private async eraseThread(ticketId: string): Promise<number> {
    const threadKey = this.key(`teams:thread:${ticketId}`);
    const raw = await this.call('thread', ['GET', threadKey]);
    if (typeof raw !== 'string') return 0;
    try {
      const thread: unknown = JSON.parse(raw);
      if (isRecordObject(thread) && typeof thread.cardActivityId === 'string') await this.del([this.key(`teams:thread-root:${thread.cardActivityId}`)]);
    } catch {
      // A thread we cannot read is still erased below.
    }
    return this.del([threadKey]);
  }
}
