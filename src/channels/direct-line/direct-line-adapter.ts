/**
 * The botbuilder adapter of the self-hosted Direct Line channel: a turn's replies are appended to
 * the conversation's activity stream (from where Web Chat polls or is pushed them) instead of being
 * posted to a Bot Framework connector. `continueConversation` lets agents' replies and other
 * proactive messages reach a buyer the same way.
 */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { ActivityStreamStore, DirectLineActivity } from './activity-stream-store.js';

export const DIRECT_LINE_CHANNEL_ID = 'directline';

export interface DirectLineAdapterOptions {
  streams: ActivityStreamStore;
  /** Identity the bot speaks as (Web Chat shows `name` for bot messages). */
  bot?: { id: string; name: string };
  /** What `serviceUrl` says in activities (this app's public base URL). */
  serviceUrl: string;
  now?: () => Date;
}

export class DirectLineAdapter extends BotAdapter {
  readonly botAccount: { id: string; name: string; role: 'bot' };
  private readonly now: () => Date;

  constructor(private readonly options: DirectLineAdapterOptions) {
    super();
    this.botAccount = { ...(options.bot ?? { id: 'bot', name: 'Assistant' }), role: 'bot' };
    this.now = options.now ?? (() => new Date());
  }

  /** Runs one incoming activity (already stored in the stream) through the middleware and `logic`. */
  async processActivity(activity: DirectLineActivity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // The bot sees dates as Date objects, as it would from the connector.
    const incoming: Partial<Activity> = { ...activity, timestamp: new Date(activity.timestamp) };
    await this.runMiddleware(new TurnContext(this, incoming), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? Math.min(activity.value, 5_000) : 1_000;
        await new Promise((resolve) => setTimeout(resolve, ms));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id;
      if (!conversationId) throw new Error('Direct Line: an outgoing activity has no conversation id');
      const outgoing = this.toStored(activity, conversationId);
      await this.options.streams.append(conversationId, outgoing);
      responses.push({ id: outgoing.id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('Direct Line: editing a sent message is not supported');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('Direct Line: deleting a sent message is not supported');
  }

  /** Proactive messages: `logic` gets a context whose sends land in that conversation's stream. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation', id: randomUUID(), timestamp: this.now() },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** The reference proactive senders need for a Direct Line conversation. */
  conversationReference(conversationId: string, userId: string): Partial<ConversationReference> {
    return {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: this.options.serviceUrl,
      conversation: conversationAccount(conversationId),
      bot: this.botAccount,
      user: { id: userId, name: '', role: 'user' },
    };
  }

  private toStored(activity: Partial<Activity>, conversationId: string): DirectLineActivity {
    // The stream holds plain data (no Date objects) so any store can keep it as JSON.
    const { timestamp: _timestamp, localTimestamp: _localTimestamp, expiration: _expiration, ...rest } = activity;
    return {
      ...rest,
      type: activity.type ?? ActivityTypes.Message,
      id: randomUUID(),
      timestamp: this.now().toISOString(),
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: conversationAccount(conversationId),
      from: this.botAccount,
    };
  }
}

/** The conversation as the schema describes it (Direct Line conversations are one-to-one). */
export function conversationAccount(id: string): ConversationAccount {
  return { id, isGroup: false, conversationType: 'personal', name: '' };
}
