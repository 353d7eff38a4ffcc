/**
 * Append-only transcript per conversation: the buyer's words are written here before the turn runs,
 * so a failed turn (or a crash) never loses what the buyer wrote. Agents read it on handoff.
 */
export interface TranscriptEntry {
  at: string;
  from: 'buyer' | 'bot' | 'agent' | 'system';
  text: string;
  /** Reply key for bot lines, so agents can see what the bot meant whatever the language. */
  key?: string;
  /**
   * Buyer lines: `activityTag(activity id)` (conversation-store.ts), enough to recognise a
   * redelivered activity and to match a known id, at a third of a raw id's bytes; lines written
   * before tags hold the raw id.
   */
  activityId?: string;
  /** Photos the buyer attached to this message. */
  photos?: string[];
  /** Set when the buyer's text was over the message limit: `text` holds its start, this its full length. */
  truncatedFrom?: number;
}

export interface TranscriptStore {
  append(conversationId: string, entries: TranscriptEntry[]): Promise<void>;
  list(conversationId: string, opts?: { last?: number }): Promise<TranscriptEntry[]>;
  delete(conversationId: string): Promise<void>;
}

export class MemoryTranscriptStore implements TranscriptStore {
  private readonly lines = new Map<string, TranscriptEntry[]>();

  async append(conversationId: string, entries: TranscriptEntry[]): Promise<void> {
    const list = this.lines.get(conversationId) ?? [];
    list.push(...entries.map((e) => ({ ...e })));
    this.lines.set(conversationId, list);
  }

  async list(conversationId: string, opts: { last?: number } = {}): Promise<TranscriptEntry[]> {
    const list = this.lines.get(conversationId) ?? [];
    return (opts.last ? list.slice(-opts.last) : list).map((e) => ({ ...e }));
  }

  async delete(conversationId: string): Promise<void> {
    this.lines.delete(conversationId);
  }
}
