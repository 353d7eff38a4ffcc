/**
 * Proactive delivery to buyers: an agent's words (rendered by the turn runner) must reach a buyer
 * who is not sending anything at that moment. The buyer may be on the self-hosted widget (its own
 * adapter) or on any Bot Framework channel (CloudAdapter + stored conversation reference).
 */
import { TurnContext, type Activity, type CloudAdapter, type Middleware } from 'botbuilder';
import type { ConversationReferenceStore, Reference } from './stores.js';
import { withRetry, type RetryOptions } from './retry.js';

export interface BuyerNotifier {
  deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void>;
}

/** Continues a conversation on one channel; e.g. `(ref, logic) => directLineAdapter.continueConversation(ref, logic)`. */
export type ProactiveSender = (reference: Reference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export class BuyerUnreachableError extends Error {
  readonly code = 'BUYER_UNREACHABLE';
}

export interface AdapterBuyerNotifierOptions {
  references: ConversationReferenceStore;
  /** Default sender for every channel without its own (Bot Framework channels). */
  cloudAdapter: CloudAdapter;
  /** Empty in local mode. */
  appId: string;
  retry?: RetryOptions;
}

export class AdapterBuyerNotifier implements BuyerNotifier {
  private readonly senders = new Map<string, ProactiveSender>();

  constructor(private readonly options: AdapterBuyerNotifierOptions) {}

  /** Another adapter (e.g. the widget's Direct Line adapter) delivers for its channel id. */
  register(channelId: string, sender: ProactiveSender): void {
    this.senders.set(channelId, sender);
  }

  async deliver(conversationId: string, activities: Partial<Activity>[]): Promise<void> {
    if (activities.length === 0) return;
    const reference = await this.options.references.get(conversationId);
    if (!reference) throw new BuyerUnreachableError(`no conversation reference for ${conversationId}`);
    const own = reference.channelId ? this.senders.get(reference.channelId) : undefined;
    const send = async (context: TurnContext) => {
      await context.sendActivities(activities);
    };
    if (own) {
      await own(reference, send);
      return;
    }
    await continueWithRetry(this.options.cloudAdapter, this.options.appId, reference, send, this.options.retry);
  }
}

/**
 * `continueConversationAsync` with bounded retries. The adapter hands errors thrown inside `logic`
 * to its onTurnError (which logs and swallows them), so they are caught here and rethrown, so that a
 * throttled send is retried and a failed one is reported to the caller.
 */
export async function continueWithRetry(
  adapter: CloudAdapter,
  appId: string,
  reference: Reference,
  logic: (context: TurnContext) => Promise<void>,
  retry?: RetryOptions,
): Promise<void> {
  await withRetry(async () => {
    let failure: unknown;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (err) {
        failure = err;
      }
    });
    if (failure !== undefined) throw failure;
  }, retry);
}

export interface RecordReferencesOptions {
  /** Write an unchanged reference again after this long, so a store TTL never lapses mid-conversation. Default 1 hour. */
  refreshMs?: number;
  /** How many conversations' last writes this process remembers. Default 10 000. */
  remember?: number;
  now?: () => number;
}

/**
 * Botbuilder middleware recording buyers' conversation references on incoming activities, so
 * agents can reach them later. Agent-side activities (decided by `isAgentActivity`) are skipped.
 * A reference rarely changes within a conversation, so an unchanged one is written again only after
 * `refreshMs`: not one store write (a Redis round trip) on every buyer turn.
 */
export function recordBuyerReferences(
  references: ConversationReferenceStore,
  isAgentActivity: (context: TurnContext) => boolean,
  onError: (err: unknown) => void = () => undefined,
  options: RecordReferencesOptions = {},
): Middleware {
  const refreshMs = options.refreshMs ?? 60 * 60 * 1000;
  const remember = options.remember ?? 10_000;
  const now = options.now ?? Date.now;
  /** conversation id → the reference last written by this process, and when. Oldest first. */
  const written = new Map<string, { json: string; at: number }>();
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const activity = context.activity;
      const id = activity.conversation?.id;
      if (id && activity.type !== 'event' && !isAgentActivity(context)) {
        // Without activityId: a later agent message is a new message, not a reply to this one.
        const { activityId: _last, ...reference } = TurnContext.getConversationReference(activity);
        const json = JSON.stringify(reference);
        const last = written.get(id);
        if (last?.json !== json || now() - last.at >= refreshMs) {
          // A store outage must not cost the buyer their turn (the turn answers the outage itself);
          // only a later agent reply to this conversation is affected.
          const ok = await references.set(id, reference).then(
            () => true,
            (err: unknown) => {
              onError(err);
              return false;
            },
          );
          written.delete(id);
          if (ok) {
            written.set(id, { json, at: now() });
            if (written.size > remember) written.delete(written.keys().next().value ?? '');
          }
        }
      }
      await next();
    },
  };
}
