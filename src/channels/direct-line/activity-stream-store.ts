/**
 * The per-conversation activity log behind the Direct Line channel: what the buyer's Web Chat reads
 * (poll with a watermark, or pushed over the WebSocket). Kept small and async so a Redis list +
 * pub/sub implementation fits the same contract and several instances serve one conversation.
 *
 * Watermarks are positions: the first activity appended gets watermark 1, and `list(id, w)` returns
 * what came after position `w`.
 */
import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';

/**
 * A Bot Framework activity as plain JSON (what goes over the wire to Web Chat): the schema's fields,
 * with the timestamp as an ISO string and the ids every stored activity has.
 */
export type DirectLineActivity = Omit<
  Partial<Activity>,
  'type' | 'id' | 'timestamp' | 'localTimestamp' | 'expiration' | 'channelId' | 'conversation' | 'from'
> & {
  type: string;
  id: string;
  timestamp: string;
  channelId: string;
  conversation: ConversationAccount;
  from: ChannelAccount;
};

export interface ActivityPage {
  activities: DirectLineActivity[];
  /** Position of the last activity returned (or the caller's watermark when nothing is new). */
  watermark: number;
}

/** Called once per appended activity, in append order, with that activity's watermark. */
export type ActivityListener = (activity: DirectLineActivity, watermark: number) => void;

export interface ActivityStreamStore {
  /** Marks the conversation started; true only for the first caller (Redis: SET NX). */
  open(conversationId: string): Promise<boolean>;
  /** True once `open` has been called for this conversation (and it has not been evicted). */
  exists(conversationId: string): Promise<boolean>;
  /** Appends and notifies subscribers; resolves to the new activity's watermark. */
  append(conversationId: string, activity: DirectLineActivity): Promise<number>;
  /** Activities after `watermark` (0 = from the start), at most `limit`. */
  list(conversationId: string, watermark: number, limit?: number): Promise<ActivityPage>;
  /** Live delivery of later appends; resolves to an unsubscribe function. */
  subscribe(conversationId: string, listener: ActivityListener): Promise<() => Promise<void>>;
}

export interface MemoryActivityStreamStoreOptions {
  /** Oldest conversations are dropped past this many (a single process must not grow forever). */
  maxConversations?: number;
  /** Oldest activities of a conversation are dropped past this many (watermarks stay valid). */
  maxActivitiesPerConversation?: number;
}

interface Stream {
  /** Watermark of `activities[0]` minus one (how many were dropped from the front). */
  offset: number;
  activities: DirectLineActivity[];
  listeners: Set<ActivityListener>;
}

/** Single-process default. Listeners run synchronously in append order. */
export class MemoryActivityStreamStore implements ActivityStreamStore {
  private readonly streams = new Map<string, Stream>();
  private readonly maxConversations: number;
  private readonly maxActivities: number;

  constructor(options: MemoryActivityStreamStoreOptions = {}) {
    this.maxConversations = options.maxConversations ?? 10_000;
    this.maxActivities = options.maxActivitiesPerConversation ?? 1_000;
  }

  async open(conversationId: string): Promise<boolean> {
    if (this.streams.has(conversationId)) return false;
    if (this.streams.size >= this.maxConversations) {
      // Map iteration order is insertion order: the first key is the oldest conversation.
      const oldest = this.streams.keys().next().value;
      if (oldest !== undefined) this.streams.delete(oldest);
    }
    this.streams.set(conversationId, { offset: 0, activities: [], listeners: new Set() });
    return true;
  }

  async exists(conversationId: string): Promise<boolean> {
    return this.streams.has(conversationId);
  }

  async append(conversationId: string, activity: DirectLineActivity): Promise<number> {
    const stream = this.stream(conversationId);
    stream.activities.push(structuredClone(activity));
    const watermark = stream.offset + stream.activities.length;
    if (stream.activities.length > this.maxActivities) {
      stream.activities.shift();
      stream.offset += 1;
    }
    for (const listener of [...stream.listeners]) listener(structuredClone(activity), watermark);
    return watermark;
  }

  async list(conversationId: string, watermark: number, limit = 500): Promise<ActivityPage> {
    const stream = this.streams.get(conversationId);
    if (!stream) return { activities: [], watermark };
    const start = Math.max(0, watermark - stream.offset);
    const activities = stream.activities.slice(start, start + limit).map((a) => structuredClone(a));
    return { activities, watermark: activities.length > 0 ? stream.offset + start + activities.length : watermark };
  }

  async subscribe(conversationId: string, listener: ActivityListener): Promise<() => Promise<void>> {
    const stream = this.stream(conversationId);
    stream.listeners.add(listener);
    return async () => {
      stream.listeners.delete(listener);
    };
  }

  private stream(conversationId: string): Stream {
    let stream = this.streams.get(conversationId);
    if (!stream) {
      stream = { offset: 0, activities: [], listeners: new Set() };
      this.streams.set(conversationId, stream);
    }
    return stream;
  }
}
