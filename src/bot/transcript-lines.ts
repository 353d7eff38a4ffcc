/**
 * The transcript lines a turn writes: the buyer's line before the dialog runs (nothing the buyer
 * wrote is lost, even when the turn fails), the bot's lines after the save.
 */
import type { TranscriptEntry, TranscriptStore } from '../state/transcript-store.js';
import { activityTag } from '../state/conversation-store.js';
import type { RenderedReply } from './render.js';

export interface BuyerMessage {
  conversationId: string;
  activityId: string;
  kind: 'message' | 'start' | 'agent';
  photos?: string[] | undefined;
}

/** A buyer message is recorded when it has words or photos. */
export function speaks(req: BuyerMessage, text: string): boolean {
  return req.kind === 'message' && (text.length > 0 || (req.photos?.length ?? 0) > 0);
}

export class TranscriptLines {
  constructor(
    private readonly transcripts: TranscriptStore,
    private readonly maxChars: number,
  ) {}

  /**
   * The buyer's line, plus `then` (a refusal's reply) when given. A redelivery whose first attempt
   * already wrote the line does not write it twice (the store checks the activity tag in the same step).
   */
  async buyer(req: BuyerMessage, text: string, now: Date, then: TranscriptEntry[] = []): Promise<void> {
    const tag = activityTag(req.activityId);
    await this.transcripts.appendBuyerLine(req.conversationId, tag, [buyerLine(req, tag, text, now, this.maxChars), ...then], then);
  }

  bot(conversationId: string, replies: RenderedReply[], now: Date): Promise<void> {
    return this.transcripts.append(conversationId, botLines(replies, now));
  }
}

export function botLines(replies: RenderedReply[], now: Date): TranscriptEntry[] {
  const at = now.toISOString();
  return replies.map((r) => ({ at, from: 'bot', text: r.text, key: r.key }));
}

/**
 * Text over the message limit (refused as too long) is kept up to the limit, ended with '…' and
 * marked with its full length: the transcript shows what was sent without storing unbounded input.
 */
function buyerLine(req: BuyerMessage, tag: string, text: string, now: Date, maxChars: number): TranscriptEntry {
  return {
    at: now.toISOString(),
    from: 'buyer',
    ...(text.length > maxChars ? { text: `${prefixOf(text, maxChars)}…`, truncatedFrom: text.length } : { text }),
    activityId: tag,
    ...(req.photos?.length ? { photos: req.photos } : {}),
  };
}

/** The first `max` UTF-16 units, without splitting a surrogate pair. */
function prefixOf(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
