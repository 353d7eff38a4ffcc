/**
 * One record per conversation: the root machine's persisted snapshot, the language, and the eTag it
 * was loaded with. `save` passes that eTag back, so two turns that raced on the same conversation
 * cannot both win: the loser gets EtagConflictError and its turn is retried or reported, never merged.
 */
import type { Lang } from '../domain/lang.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { DEFLATE_MEM_LEVEL } from './deflate-level.js';
import { ETAG_CREATE_ONLY, type Storage } from './storage.js';
import type { Reply } from '../domain/reply.js';

export interface ConversationRecord {
  /** XState persisted snapshot of the root machine (JSON). */
  snapshot: unknown;
  lang: Lang;
  /** The buyer asked for this language explicitly; detection no longer switches it. */
  langPinned: boolean;
  createdAt: string;
  updatedAt: string;
  turns: number;
  /**
   * The last few turns' delivery fingerprints, saved with the state in the same eTag-checked write,
   * so a re-delivered activity (same id, or the same text within seconds) is recognised by every
   * instance and never runs twice. Newest last.
   */
  recent?: RecentTurn[];
  /**
   * Where the buyer can be reached later (agent replies, approval outcomes): the channel's
   * conversation reference, written by every saved buyer turn in this same write instead of a key
   * of its own. Stored without `conversation.id` when it is the record's own id. Absent in records
   * written before it was kept here.
   */
  reference?: ChannelReference;
}

/** A channel's conversation reference as plain JSON (botbuilder's ConversationReference); opaque here. */
export type ChannelReference = Record<string, unknown>;

/**
 * What a turn left behind for duplicate detection. Only the newest turn's text fingerprint and time
 * are ever compared (a re-send is a repeat of the previous message), so older turns keep just the
 * activity tag: a record is mostly this list, and every byte of it is stored per conversation.
 */
export interface RecentTurn {
  /** `activityTag(activity id)`; records written before tags held the raw id (still matched). */
  id: string;
  /** Short hash of the text and choice, for re-sends under a new activity id (newest turn). */
  h?: string;
  /** Wall-clock epoch ms when the turn was processed (newest turn). */
  at?: number;
  /** Reply keys of the newest turn only (re-sent when the same activity id arrives again). */
  replies?: Reply[];
  lang?: Lang;
}

export interface LoadedConversation {
  record: ConversationRecord | undefined;
  eTag: string | undefined;
  /** The record's stored (packed) form: two equal ones are the same record. Absent for legacy forms. */
  stored?: string;
}

export interface ConversationStore {
  /**
   * `known`: a record this process saved and its stored form; when the stored record is still
   * exactly that, it is returned as it is instead of being unpacked again.
   */
  load(conversationId: string, known?: { stored: string; record: ConversationRecord }): Promise<LoadedConversation>;
  /**
   * Throws EtagConflictError when the stored eTag is no longer `eTag`, or, for a first save
   * (`eTag` undefined), when a record already exists (another turn created it first).
   */
  save(conversationId: string, record: ConversationRecord, eTag: string | undefined): Promise<{ stored: string }>;
  delete(conversationId: string): Promise<void>;
}

/**
 * 10 base64url characters (60 bits) of SHA-256 over an activity id: the same id always gives the
 * same tag, and two of one conversation's few recent ids colliding is out of reach, while the raw
 * ids (Direct Line's are the conversation id plus a sequence number) would be most of a record.
 */
export function activityTag(activityId: string): string {
  return createHash('sha256').update(activityId).digest('base64url').slice(0, 10);
}

/** All keys of one conversation share the `{conv:<id>}` hash tag (one Redis Cluster slot). */
export const conversationKey = (conversationId: string, suffix: string): string => `{conv:${conversationId}}:${suffix}`;

/**
 * Stored form of a record: deflate with a preset dictionary of typical record JSON, in base64. Most
 * of a record is the same keys and shapes every time, so the dictionary does most of the work: a
 * mid-flow conversation of ~2.9 KB stores in a few hundred bytes, and it is faster than Brotli.
 * `d` names the dictionary; a dictionary file is never changed once released (add a new version).
 * Records written earlier (plain objects, or Brotli `v: 2`) still load.
 */
interface PackedRecord {
  v: 3;
  d: 1;
  z: string;
}

const DICTIONARIES: Record<number, Buffer> = {
  1: readFileSync(new URL('./record-dictionary.v1.json', import.meta.url)),
};

export function packRecord(record: ConversationRecord): PackedRecord {
  return { v: 3, d: 1, z: zlib.deflateRawSync(JSON.stringify(record), { dictionary: DICTIONARIES[1], memLevel: DEFLATE_MEM_LEVEL }).toString('base64') };
}

/** A stored item (packed or legacy) back to a record; undefined when it is not one. */
export function unpackRecord(item: unknown): ConversationRecord | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  if ('v' in item && 'z' in item && typeof item.z === 'string') {
    const bytes = Buffer.from(item.z, 'base64');
    if (item.v === 3 && 'd' in item && typeof item.d === 'number' && DICTIONARIES[item.d]) {
      return JSON.parse(zlib.inflateRawSync(bytes, { dictionary: DICTIONARIES[item.d] }).toString('utf8')) as ConversationRecord;
    }
    if (item.v === 2) return JSON.parse(zlib.brotliDecompressSync(bytes).toString('utf8')) as ConversationRecord;
    throw new Error(`conversation record format v${String(item.v)} is not known to this version`);
  }
  const { eTag: _eTag, ...plain } = item as ConversationRecord & { eTag?: string };
  return plain;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The record as stored: its reference without `conversation.id` when that is the conversation's own
 * id (the key already says it), and without `conversation` when nothing else is left in it.
 */
function withoutReferenceId(conversationId: string, record: ConversationRecord): ConversationRecord {
  const reference = record.reference;
  if (!reference || !isObject(reference.conversation) || reference.conversation.id !== conversationId) return record;
  const { conversation, ...rest } = reference;
  const { id: _id, ...others } = conversation;
  return { ...record, reference: Object.keys(others).length > 0 ? { ...rest, conversation: others } : rest };
}

/** The stored reference back as the channel wrote it: its conversation id restored from the key. */
function withReferenceId(conversationId: string, record: ConversationRecord | undefined): ConversationRecord | undefined {
  const reference = record?.reference;
  if (!record || !reference) return record;
  const conversation = reference.conversation;
  if (conversation === undefined) return { ...record, reference: { ...reference, conversation: { id: conversationId } } };
  if (isObject(conversation) && conversation.id === undefined) return { ...record, reference: { ...reference, conversation: { id: conversationId, ...conversation } } };
  return record;
}

export function createConversationStore(storage: Storage): ConversationStore {
  const key = (id: string) => conversationKey(id, 'record');
  return {
    async load(conversationId, known) {
      const k = key(conversationId);
      const items = await storage.read([k]);
      const item = items[k] as { eTag?: string } | undefined;
      if (!item) return { record: undefined, eTag: undefined };
      const stored = 'z' in item && typeof item.z === 'string' ? item.z : undefined;
      if (stored !== undefined && known?.stored === stored) return { record: known.record, eTag: item.eTag, stored };
      return { record: withReferenceId(conversationId, unpackRecord(item)), eTag: item.eTag, ...(stored !== undefined ? { stored } : {}) };
    },
    async save(conversationId, record, eTag) {
      // A first save creates the record only if no other instance created it meanwhile; later saves
      // must match what was loaded.
      const packed = packRecord(withoutReferenceId(conversationId, record));
      await storage.write({ [key(conversationId)]: { ...packed, eTag: eTag ?? ETAG_CREATE_ONLY } });
      return { stored: packed.z };
    },
    async delete(conversationId) {
      await storage.delete([key(conversationId)]);
    },
  };
}
