/**
 * Proactive delivery to buyers: an agent's words (rendered by the turn runner) must reach a buyer
 * who is not sending anything at that moment. The buyer may be on the self-hosted widget (its own
 * adapter) or on any Bot Framework channel (CloudAdapter + the conversation reference that the
 * buyer's last saved turn left in the conversation record).
 */
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { BuyerReferences, Reference } from './stores.js';
import { withRetry, type RetryOptions } from './retry.js';
import { inertMarkdown } from '../../bot/render.js';

import type { BuyerNotifier } from '../agent-desk/index.js';

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
  /** Whether a stored reference's service URL may be posted to (`referenceTrusted`); all when absent. */
  trusted?: (serviceUrl: unknown) => boolean;
}

/**
 * Proactive messages are not replies: without this, botbuilder stamps the continuation event's id
 * as `replyToId`, and Web Chat holds the message back until it times out waiting for that activity
 * (~5 s). An agent's words carry the agent (`channelData.agent`, set by the desk). The widget shows
 * that as the sender, so there the text loses its "Name: " lead; other Bot Framework channels always
 * show the bot as the sender and keep it.
 */
export function asProactive(activities: Partial<Activity>[], senderShown: boolean): Partial<Activity>[] {
  return activities.map(({ replyToId: _notAReply, ...activity }) => {
    const data: unknown = activity.channelData;
    const agent: unknown = typeof data === 'object' && data !== null && 'agent' in data ? data.agent : undefined;
    const name = typeof agent === 'object' && agent !== null && 'name' in agent && typeof agent.name === 'string' ? agent.name : undefined;
    if (!senderShown || !name || typeof activity.text !== 'string') return activity;
    const lead = [': ', '：'].map((sep) => `${inertMarkdown(name)}${sep}`).find((l) => activity.text?.startsWith(l));
    return lead ? { ...activity, text: activity.text.slice(lead.length) } : activity;
  });
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
    const outgoing = asProactive(activities, own !== undefined);
    const send = async (context: TurnContext) => {
      context.onSendActivities(async (_ctx, sent, next) => {
        for (const a of sent) delete a.replyToId;
        return next();
      });
      await context.sendActivities(outgoing);
    };
    if (own) {
      await own(reference, send);
      return;
    }
    // A reference stored before the trust gate existed, or edited in storage, is not followed.
    if (this.options.trusted && !this.options.trusted(reference.serviceUrl)) throw new BuyerUnreachableError(`untrusted service URL for ${conversationId}`);
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
