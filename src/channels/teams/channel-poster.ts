/**
 * The agents' channel in Teams: one handoff card per ticket (its thread is where the agent and the
 * buyer talk), kept up to date as the ticket changes. Posting never blocks the buyer's turn: work is
 * queued per ticket (card first, then thread posts, in order) and failures are logged, since the
 * queue and the console tab still work without Teams.
 */
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { HandoffListener, QueuedTicket } from '../../services/handoff/handoff-queue.js';
import type { TranscriptStore } from '../../state/transcript-store.js';
import type { Lang } from '../../domain/lang.js';
import type { AgentActionEvent, AgentDeskService } from '../agent-desk/index.js';
import { handoffCard, plain, type CardContext } from './cards.js';
import type { AgentChannelStore, Reference, TicketThreadStore } from './stores.js';
import type { RetryOptions } from './retry.js';
import { continueWithRetry } from './buyer-notifier.js';

export interface ChannelPosterDeps {
  adapter: CloudAdapter;
  appId: string;
  channel: AgentChannelStore;
  threads: TicketThreadStore;
  transcripts: TranscriptStore;
  actions: AgentDeskService;
  /** Cards in the agents' channel are written in this language. */
  cardContext: (lang: Lang) => CardContext;
  agentLang: Lang;
  logger: Logger;
  retry?: RetryOptions;
  /** How many transcript lines the card shows. */
  lastMessages?: number;
  /** Whether the agents' channel reference may be posted to (`referenceTrusted`); all when absent. */
  trusted?: (serviceUrl: unknown) => boolean;
}

export class TeamsChannelPoster implements HandoffListener {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: ChannelPosterDeps) {}

  /** Resolves when every queued post so far has been attempted (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  async ticketCreated(ticket: QueuedTicket): Promise<void> {
    this.enqueue(ticket.ticketId, () => this.postCard(ticket));
  }

  async buyerMessage(ticket: QueuedTicket, text: string): Promise<void> {
    const t = this.deps.cardContext(this.deps.agentLang).t;
    this.enqueue(ticket.ticketId, () => this.postInThread(ticket.ticketId, { type: 'message', text: t('agent:relay.buyerSays', { text: plain(text) }) }));
  }

  async ticketWithdrawn(ticket: QueuedTicket): Promise<void> {
    this.enqueue(ticket.ticketId, () => this.updateCard(ticket));
  }

  /** Follows actions from any surface: the card shows the new state; tab replies show in the thread. */
  readonly onAction = async (event: AgentActionEvent): Promise<void> => {
    const { ticket } = event;
    this.enqueue(ticket.ticketId, () => this.updateCard(ticket));
    if (event.type === 'said' && event.via === 'tab') {
      const text = event.text ?? this.deps.cardContext(this.deps.agentLang).t(event.key ?? '');
      this.enqueue(ticket.ticketId, () => this.postInThread(ticket.ticketId, { type: 'message', text: `**${plain(event.agent.name)}:** ${plain(text)}` }));
    }
  };

  /** Rebuilds and replaces the card (after an accept, an end, a withdrawal, an approval). */
  async updateCard(ticket: QueuedTicket): Promise<void> {
    const thread = await this.deps.threads.byTicket(ticket.ticketId);
    if (!thread) return;
    const card = await this.card(ticket);
    await this.send(thread.reference, async (context) => {
      await context.updateActivity({ type: 'message', id: thread.cardActivityId, attachments: [card] });
    });
  }

  private enqueue(ticketId: string, work: () => Promise<void>): void {
    const previous = this.chains.get(ticketId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((err: unknown) => this.deps.logger.warn({ err, ticketId }, 'posting to the agents channel failed'))
      .finally(() => {
        if (this.chains.get(ticketId) === next) this.chains.delete(ticketId);
      });
    this.chains.set(ticketId, next);
  }

  private async card(ticket: QueuedTicket) {
    const order = ticket.orderId ? await this.deps.actions.order(ticket.orderId) : undefined;
    const lastMessages = await this.deps.transcripts.list(ticket.conversationId, { last: this.deps.lastMessages ?? 6 });
    return handoffCard({ ticket, lastMessages, ...(order ? { order } : {}) }, this.deps.cardContext(this.deps.agentLang));
  }

  private async postCard(ticket: QueuedTicket): Promise<void> {
    const channel = await this.deps.channel.get();
    if (!channel?.conversation?.id) {
      this.deps.logger.info({ ticketId: ticket.ticketId }, 'no agents channel yet (add the bot to a team); ticket is in the queue only');
      return;
    }
    const card = await this.card(ticket);
    let cardActivityId: string | undefined;
    await this.send(channel, async (context) => {
      cardActivityId = (await context.sendActivity({ type: 'message', attachments: [card] }))?.id;
    });
    if (!cardActivityId) throw new Error('Teams returned no id for the handoff card');
    const channelConversationId = channel.conversation.id;
    await this.deps.threads.set({
      ticketId: ticket.ticketId,
      channelConversationId,
      cardActivityId,
      reference: { ...channel, conversation: { ...channel.conversation, id: channelConversationId } },
    });
  }

  private async postInThread(ticketId: string, activity: Partial<Activity>): Promise<void> {
    const thread = await this.deps.threads.byTicket(ticketId);
    if (!thread?.reference.conversation) return;
    const reference: Reference = {
      ...thread.reference,
      conversation: { ...thread.reference.conversation, id: `${thread.channelConversationId};messageid=${thread.cardActivityId}` },
    };
    await this.send(reference, async (context) => {
      await context.sendActivity(activity);
    });
  }

  private async send(reference: Reference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (this.deps.trusted && !this.deps.trusted(reference.serviceUrl)) throw new Error("the agents' channel reference names an untrusted service URL; not posted");
    return continueWithRetry(this.deps.adapter, this.deps.appId, reference, logic, this.deps.retry);
  }
}
