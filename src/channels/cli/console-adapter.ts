/**
 * A terminal channel: a botbuilder adapter whose "connector" is stdout. Runs the very same
 * ActivityHandler as every other channel. Suggested actions print as numbered options; typing the
 * number sends that option's value, like clicking it in Web Chat.
 */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type CardAction,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';

export class ConsoleAdapter extends BotAdapter {
  private options: CardAction[] = [];
  private seq = 0;
  readonly conversationId = `cli-${randomUUID()}`;

  constructor(private readonly write: (line: string) => void) {
    super();
  }

  /** One buyer line → one turn through the bot's middleware and handler. */
  async receive(text: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const picked = /^\d{1,2}$/.test(text.trim()) ? this.options[Number(text.trim()) - 1] : undefined;
    const activity: Partial<Activity> = {
      ...this.base(),
      type: ActivityTypes.Message,
      text: picked ? String(picked.text ?? picked.title) : text,
      ...(picked?.value !== undefined ? { value: picked.value } : {}),
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async start(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      ...this.base(),
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'buyer', name: 'Buyer' }],
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((a) => {
      if (a.type === ActivityTypes.Message) {
        if (a.text) this.write(`bot> ${a.text}`);
        const actions = a.suggestedActions?.actions ?? [];
        if (actions.length > 0) {
          this.options = actions;
          actions.forEach((act, i) => this.write(`     ${i + 1}. ${act.title}`));
        }
      }
      return { id: randomUUID() };
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('The terminal cannot edit a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('The terminal cannot delete a sent message');
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  private base(): Partial<Activity> {
    return {
      id: `${this.conversationId}-${++this.seq}`,
      channelId: 'cli',
      serviceUrl: 'cli://local',
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: 'cli' },
      from: { id: 'buyer', name: 'Buyer' },
      recipient: { id: 'bot', name: 'Assistant' },
      timestamp: new Date(),
    };
  }
}
