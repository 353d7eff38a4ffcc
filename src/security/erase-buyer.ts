/**
 * Right to erasure: remove every conversation of one buyer (state record, delivery fingerprints,
 * transcript, lock and rate counters) from whichever backend is configured. A buyer is named by a
 * conversation id, or by an email: then every conversation whose state or transcript mentions that
 * email, or one of that buyer's order ids, is erased (buyers who verified with a postal code only
 * left the order id, not the email, behind).
 */
import type { Storage } from '../state/storage.js';
import { conversationKey, unpackRecord } from '../state/conversation-store.js';
import type { TranscriptStore } from '../state/transcript-store.js';

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

export interface EraseReport {
  /** Conversations erased. */
  conversations: string[];
  /** Conversations looked at. */
  scanned: number;
}

/** Per-conversation keys besides the record, erased with it (absent ones are ignored). */
const CONVERSATION_SUFFIXES = ['record', 'lock', 'rate', 'dl:meta', 'dl:activities'];

const RECORD_KEY = /^\{conv:(.*)\}:record$/;

export async function eraseBuyer(target: EraseTarget, deps: { storage: ListableStorage; transcripts: TranscriptStore }): Promise<EraseReport> {
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
  for (const id of ids) {
    await deps.storage.delete(CONVERSATION_SUFFIXES.map((s) => conversationKey(id, s)));
    await deps.transcripts.delete(id);
  }
  return { conversations: [...ids], scanned };
}

async function mentions(id: string, key: string, needles: string[], deps: { storage: Storage; transcripts: TranscriptStore }): Promise<boolean> {
  const items = await deps.storage.read([key]);
  const state = JSON.stringify(unpackRecord(items[key]) ?? null).toLowerCase();
  if (needles.some((n) => state.includes(n))) return true;
  const lines = await deps.transcripts.list(id);
  return lines.some((l) => needles.some((n) => l.text.toLowerCase().includes(n)));
}
