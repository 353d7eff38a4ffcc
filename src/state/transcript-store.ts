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

/** Lines (elements on Redis) looked at for the buyer line of an earlier attempt at the same activity. */
export const BUYER_LINE_LOOKBACK = 6;

export interface TranscriptStore {
  append(conversationId: string, entries: TranscriptEntry[]): Promise<void>;
  /**
   * The buyer's line of activity `tag` (`entries[0]`, with any lines that go with it): appended
   * unless one of the last few lines is already that activity's buyer line (a redelivery whose first
   * attempt wrote it and then died or was refused), in which case only `otherwise` is appended. The
   * check and the write are one step (one script on Redis), so two attempts cannot both write it.
   */
  appendBuyerLine(conversationId: string, tag: string, entries: TranscriptEntry[], otherwise?: TranscriptEntry[]): Promise<void>;
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

  async appendBuyerLine(conversationId: string, tag: string, entries: TranscriptEntry[], otherwise: TranscriptEntry[] = []): Promise<void> {
    const recent = (this.lines.get(conversationId) ?? []).slice(-BUYER_LINE_LOOKBACK);
    const seen = recent.some((l) => l.from === 'buyer' && l.activityId === tag);
    const lines = seen ? otherwise : entries;
    if (lines.length > 0) await this.append(conversationId, lines);
  }

  async list(conversationId: string, opts: { last?: number } = {}): Promise<TranscriptEntry[]> {
    const list = this.lines.get(conversationId) ?? [];
    return (opts.last ? list.slice(-opts.last) : list).map((e) => ({ ...e }));
  }

  async delete(conversationId: string): Promise<void> {
    this.lines.delete(conversationId);
  }
}
