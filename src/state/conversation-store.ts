/**
 * One record per conversation: the root machine's persisted snapshot, the language, and the eTag it
 * was loaded with. `save` passes that eTag back, so two turns that raced on the same conversation
 * cannot both win: the loser gets EtagConflictError and its turn is retried or reported, never merged.
 */
import type { Lang } from '../domain/lang.js';
import { createHash } from 'node:crypto';
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
   * The last few turns' activity tags, saved with the state in the same eTag-checked write, so a
   * redelivered activity is recognised by every instance and never runs twice. Newest last.
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
 * What a turn left behind for redelivery detection: its activity tag, and for the newest turn its
 * replies (sent again when that activity comes again). Records written earlier may also hold `h`
 * and `at` (a text fingerprint no longer used: a repeated text is a new message).
 */
export interface RecentTurn {
  /** `activityTag(activity id)`; records written before tags held the raw id (still matched). */
  id: string;
  /** Reply keys of the newest turn only (re-sent when the same activity id arrives again). */
  replies?: Reply[];
  lang?: Lang;
}

export interface LoadedConversation {
  record: ConversationRecord | undefined;
  eTag: string | undefined;
}

export interface ConversationStore {
  load(conversationId: string): Promise<LoadedConversation>;
  /**
   * Throws EtagConflictError when the stored eTag is no longer `eTag`, or, for a first save
   * (`eTag` undefined), when a record already exists (another turn created it first).
   */
  save(conversationId: string, record: ConversationRecord, eTag: string | undefined): Promise<void>;
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
 * Stored form of a record: its plain JSON. (Records packed with a preset dictionary (`v: 3`) or
 * Brotli (`v: 2`) by earlier versions are converted by `npm run migrate-state`. The dictionary saved
 * ~340 B of a 2.3 KB stored conversation (15 %) and no CPU in an interleaved `npm run bench` A/B:
 * less than the 30 % of stored bytes or 10 % of CPU an optimisation must earn.)
 */
export class LegacyRecordError extends Error {
  readonly code = 'LEGACY_RECORD';
  constructor(version: unknown) {
    super(`conversation record format v${String(version)} was written by an earlier version: run \`npm run migrate-state\``);
    this.name = 'LegacyRecordError';
  }
}

/** A stored item back to a record; undefined when it is not one. */
export function unpackRecord(item: unknown): ConversationRecord | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  if ('v' in item && 'z' in item) throw new LegacyRecordError(item.v);
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
    async load(conversationId) {
      const k = key(conversationId);
      const items = await storage.read([k]);
      const item = items[k] as { eTag?: string } | undefined;
      if (!item) return { record: undefined, eTag: undefined };
      return { record: withReferenceId(conversationId, unpackRecord(item)), eTag: item.eTag };
    },
    async save(conversationId, record, eTag) {
      // A first save creates the record only if no other instance created it meanwhile; later saves
      // must match what was loaded.
      await storage.write({ [key(conversationId)]: { ...withoutReferenceId(conversationId, record), eTag: eTag ?? ETAG_CREATE_ONLY } });
    },
    async delete(conversationId) {
      await storage.delete([key(conversationId)]);
    },
  };
}
