/**
 * What a turn must pass before its dialog runs: the conversation's message limit, its lock (one turn
 * at a time per conversation, across instances with Redis), and the redelivery check.
 *
 * A redelivery is recognised only by the channel's own signal: the same activity id (Bot Framework
 * retries, or Web Chat's `clientActivityID` on a re-posted message, see bot.ts). Its turn already
 * ran, so it is answered with that turn's stored replies and nothing runs twice. The same text under
 * a new id is a new message ("1" answered twice in a row) and is never swallowed.
 */
import { activityTag, conversationKey, type ConversationRecord, type RecentTurn } from '../state/conversation-store.js';
import type { ConversationLock, Lease } from '../state/conversation-lock.js';
import type { RateLimiter } from '../state/rate-limiter.js';
import type { TurnOutcome } from '../metrics/metrics.js';
import type { Reply } from '../../dialogs/reply.js';
import type { Lang } from '../domain/lang.js';

/** How many turns' activity tags a conversation keeps for redelivery detection. */
const RECENT_TURNS = 5;

/** A turn refused before the dialog runs, with the reply key that says why. */
export class TurnRefused extends Error {
  constructor(
    readonly outcome: Extract<TurnOutcome, 'rate_limited' | 'busy'>,
    readonly key: string,
  ) {
    super(outcome);
    this.name = 'TurnRefused';
  }
}

export interface TurnGuardOptions {
  lock?: ConversationLock | undefined;
  /** Lock lifetime: a crashed holder frees it after this. */
  lockTtlMs: number;
  /** How long a turn waits for the previous one of the same conversation. */
  lockWaitMs: number;
  rateLimiter?: RateLimiter | undefined;
  /** Buyer messages per minute per conversation; 0 = no limit. */
  limitPerMinute: number;
}

export class TurnGuard {
  constructor(private readonly options: TurnGuardOptions) {}

  /** Counts a buyer message against the conversation's limit; throws TurnRefused when over it. */
  async checkLimit(conversationId: string, kind: 'message' | 'start' | 'agent'): Promise<void> {
    const { rateLimiter, limitPerMinute } = this.options;
    if (kind !== 'message' || !rateLimiter || limitPerMinute <= 0) return;
    const hit = await rateLimiter.hit(conversationKey(conversationId, 'rate'), limitPerMinute, 60_000);
    if (!hit.allowed) throw new TurnRefused('rate_limited', 'limits:rateLimited');
  }

  /**
   * The limit and the lock asked for at once: on Redis both leave in one write (one round trip
   * instead of two; with the bot's lines sent with the unlock and the trust gate's read skipped, a
   * turn makes six round trips instead of nine, docs/operations.md has the figures). Over the limit,
   * a lock it was granted is given back before TurnRefused.
   */
  async enter(conversationId: string, kind: 'message' | 'start' | 'agent'): Promise<Lease | undefined> {
    const [limit, lease] = await Promise.allSettled([this.checkLimit(conversationId, kind), this.lock(conversationId)]);
    if (limit.status === 'rejected') {
      if (lease.status === 'fulfilled') await lease.value?.release();
      throw limit.reason;
    }
    if (lease.status === 'rejected') throw lease.reason;
    return lease.value;
  }

  /** The conversation's lock (undefined when there is no lock); throws TurnRefused when it stays busy. */
  async lock(conversationId: string): Promise<Lease | undefined> {
    const { lock, lockTtlMs, lockWaitMs } = this.options;
    if (!lock) return undefined;
    const lease = await lock.acquire(conversationKey(conversationId, 'lock'), { ttlMs: lockTtlMs, waitMs: lockWaitMs });
    if (!lease) throw new TurnRefused('busy', 'common:errors.busy');
    return lease;
  }
}

/** The recent turn this activity already ran as, if any (agent events carry their own ids and are never matched). */
export function redeliveryOf(activityId: string, kind: 'message' | 'start' | 'agent', record: ConversationRecord | undefined): RecentTurn | undefined {
  if (kind === 'agent' || !record?.recent) return undefined;
  const tag = activityTag(activityId);
  // Records written before tags hold the raw id.
  return record.recent.find((turn) => turn.id === tag || turn.id === activityId);
}

/**
 * The recent-turn list after this turn: its tag with its replies (re-sent if the same activity id
 * comes again), older turns with just their tags.
 */
export function withThisTurn(recent: readonly RecentTurn[] | undefined, activityId: string, replies: Reply[], lang: Lang): RecentTurn[] {
  const older = (recent ?? []).slice(-(RECENT_TURNS - 1)).map(({ id }) => ({ id }));
  return [...older, { id: activityTag(activityId), replies, lang }];
}
