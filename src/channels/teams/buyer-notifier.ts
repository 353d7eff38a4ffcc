/**
 * Proactive delivery to buyers: an agent's words (rendered by the turn runner) must reach a buyer
 * who is not sending anything at that moment. The buyer may be on the self-hosted widget (its own
 * adapter) or on any Bot Framework channel (CloudAdapter + the conversation reference that the
 * buyer's last saved turn left in the conversation record).
 */
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { BuyerReferences, Reference } from './stores.js';
import { withRetry, type RetryOptions } from './retry.js';

import type { BuyerNotifier } from '../../services/agent-desk/index.js';

/** Continues a conversation on one channel; e.g. `(ref, logic) => directLineAdapter.continueConversation(ref, logic)`. */
export type ProactiveSender = (reference: Reference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export class BuyerUnreachableError extends Error {
  readonly code = 'BUYER_UNREACHABLE';
}

export interface AdapterBuyerNotifierOptions {
  /** Where each buyer is: `recordReferences(conversationStore)`. */
  references: BuyerReferences;
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
