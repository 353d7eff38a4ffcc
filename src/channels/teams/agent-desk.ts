/**
 * Support agents in Teams: the agents' channel (handoff cards and their threads), personal chat and
 * text commands. Plugged into AfterSalesBot as its AgentDesk, so agent activities never reach the
 * buyer flow.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang } from '../../domain/lang.js';
import { localeToLang } from '../../domain/lang.js';
import type { AgentDesk } from '../../bot/bot.js';
import type { Agent, AgentActions, ActionResult } from './agent-actions.js';
import { parseAgentCommand, parseCannedKey, type AgentCommand } from './agent-tools.js';
import { cannedCard, orderCard, queueCard, transcriptCard, type CardContext } from './cards.js';
import type { AgentChannelStore, TicketThreadStore } from './stores.js';
import { splitThreadId } from './stores.js';
import { activityDedup, BoundedMemoryIdempotencyStore, type ActivityDedup, type WorkOutcome } from './activity-dedup.js';
import type { TeamsChannelPoster } from './channel-poster.js';

export const TEAMS_CHANNEL_ID = 'msteams';

export interface TeamsAgentDeskDeps {
  actions: AgentActions;
  poster: TeamsChannelPoster;
  channel: AgentChannelStore;
  threads: TicketThreadStore;
  cardContext: (lang: Lang) => CardContext;
  /** When the agent's activity names no locale. */
  defaultLang: Lang;
  logger: Logger;
  /** Teams tenants whose users count as agents; empty = any tenant (local mode / single-tenant bot). */
  allowedTenants?: string[];
  /** Redelivered activities (same conversation and activity id) are handled once; shared across instances with Redis. */
  dedup?: ActivityDedup;
}

interface CardSubmit {
  action: 'accept' | 'end' | 'canned';
  ticketId: string;
  canned?: string;
}

function cardSubmit(value: unknown): CardSubmit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const action = v.action;
  if ((action !== 'accept' && action !== 'end' && action !== 'canned') || typeof v.ticketId !== 'string' || v.ticketId.length > 100) return undefined;
  return { action, ticketId: v.ticketId, ...(typeof v.canned === 'string' ? { canned: v.canned } : {}) };
}

function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = data?.tenant?.id ?? activity.conversation?.tenantId;
  return typeof id === 'string' ? id : undefined;
}

export class TeamsAgentDesk implements AgentDesk {
  private readonly dedup: ActivityDedup;

  constructor(private readonly deps: TeamsAgentDeskDeps) {
    this.dedup = deps.dedup ?? activityDedup(new BoundedMemoryIdempotencyStore(), 'teams-activity');
  }

  /** Every Teams activity belongs to agents: buyers reach the bot through the widget or other channels. */
  handles(context: TurnContext): boolean {
    return context.activity.channelId === TEAMS_CHANNEL_ID;
  }

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const allowed = this.deps.allowedTenants ?? [];
    if (allowed.length > 0 && !allowed.includes(tenantOf(activity) ?? '')) {
      this.deps.logger.warn({ tenant: tenantOf(activity) }, 'Teams activity from a tenant not on the allow-list ignored');
      return;
    }
    // Teams redelivers when we answer slowly or fail: an accept or a relay must happen once, and a
    // redelivery after a failure must still happen.
    if (!activity.id) {
      await this.handle(context);
      return;
    }
    const outcome = await this.dedup.once(`${activity.conversation?.id ?? ''}|${activity.id}`, () => this.handle(context));
    if (outcome === 'duplicate') this.deps.logger.info({ activityId: activity.id }, 'redelivered Teams activity already handled; dropped');
  }

  private async handle(context: TurnContext): Promise<WorkOutcome> {
    const activity = context.activity;
    if (activity.type === 'conversationUpdate') {
      await this.installed(context);
      return 'done';
    }
    if (activity.type !== 'message') return 'done';

    const lang = localeToLang(activity.locale) ?? this.deps.defaultLang;
    const c = this.deps.cardContext(lang);
    const agent: Agent = { id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown', name: activity.from?.name ?? activity.from?.id ?? '?' };
    const eventId = activity.id ?? `${activity.conversation?.id ?? ''}:${String(activity.timestamp ?? '')}`;

    const submit = cardSubmit(activity.value);
    if (submit) return this.onSubmit(context, submit, agent, eventId, c);

    const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '').trim();
    if (!text) return 'done';
    const command = parseAgentCommand(text);
    const threadTicket = await this.threadTicket(activity);
    if (command) return this.onCommand(context, command, agent, eventId, c, threadTicket);
    if (threadTicket) {
      const result = await this.deps.actions.say(threadTicket, agent, { text }, eventId, 'teams');
      return this.report(context, result, c, undefined);
    }
    await context.sendActivity(c.t('agent:unknownCommand'));
    return 'done';
  }

  /** Bot added to a team: that team's channel becomes the agents' channel. */
  private async installed(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === botId);
    const data = activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
    if (!botAdded || !data?.team) return;
    // No activityId: proactive posts must start new threads, not reply to the install event.
    const { activityId: _install, ...reference } = TurnContext.getConversationReference(activity);
    const channelId = data.channel?.id ?? splitThreadId(activity.conversation?.id ?? '').channelConversationId;
    await this.deps.channel.set({ ...reference, conversation: { name: '', ...reference.conversation, id: channelId, isGroup: true, conversationType: 'channel' } });
    this.deps.logger.info({ teamId: data.team.id, channelId }, 'agents channel registered');
    await context.sendActivity(this.deps.cardContext(localeToLang(activity.locale) ?? this.deps.defaultLang).t('agent:noChannel'));
  }

  private async threadTicket(activity: Partial<Activity>): Promise<string | undefined> {
    const { rootMessageId } = splitThreadId(activity.conversation?.id ?? '');
    const root = rootMessageId ?? activity.replyToId;
    if (!root) return undefined;
    return (await this.deps.threads.byRootMessage(root))?.ticketId;
  }

  private async onSubmit(context: TurnContext, submit: CardSubmit, agent: Agent, eventId: string, c: CardContext): Promise<WorkOutcome> {
    if (submit.action === 'accept') {
      const result = await this.deps.actions.accept(submit.ticketId, agent, eventId);
      return this.report(context, result, c, 'accept', submit.ticketId);
    }
    if (submit.action === 'end') return this.report(context, await this.deps.actions.end(submit.ticketId, agent, eventId), c, 'end', submit.ticketId);
    const key = parseCannedKey(submit.canned);
    if (!key) return 'done';
    return this.report(context, await this.deps.actions.say(submit.ticketId, agent, { key }, eventId, 'teams'), c, undefined);
  }

  private async onCommand(context: TurnContext, command: AgentCommand, agent: Agent, eventId: string, c: CardContext, threadTicket: string | undefined): Promise<WorkOutcome> {
    const { t } = c;
    switch (command.name) {
      case 'help':
        await context.sendActivity(t('agent:help'));
        return 'done';
      case 'queue':
        await context.sendActivity({ attachments: [queueCard(await this.deps.actions.queue.queue(), c)] });
        return 'done';
      case 'order': {
        const facts = await this.deps.actions.order(command.orderId);
        await context.sendActivity(facts ? { attachments: [orderCard(facts, c)] } : { text: t('agent:order.notFound', { orderId: command.orderId }) });
        return 'done';
      }
      case 'transcript': {
        const { entries, lang } = await this.deps.actions.transcript(command.id, 30);
        await context.sendActivity({ attachments: [transcriptCard(command.id, entries, c, lang)] });
        return 'done';
      }
      case 'accept':
        return this.report(context, await this.deps.actions.accept(command.ticketId, agent, eventId), c, 'accept', command.ticketId);
      case 'approve': {
        const result = await this.deps.actions.approve(command.ticketId, agent, eventId);
        if (result.ok && !result.delivered) return this.report(context, result, c, undefined, command.ticketId);
        const orderId = result.ticket?.pending?.orderId ?? '';
        if (result.ok && result.outcome) await context.sendActivity(t(`agent:approve.outcomes.${result.outcome}`, { ticketId: command.ticketId, orderId }));
        else if (result.ok) await context.sendActivity(t('agent:approve.done', { ticketId: command.ticketId }));
        else if (result.code === 'unavailable') await context.sendActivity(t('agent:approve.unavailable', { ticketId: command.ticketId, orderId }));
        else if (result.code === 'closed') await context.sendActivity(t('agent:approve.closed', { ticketId: command.ticketId }));
        else return this.report(context, result, c, undefined, command.ticketId);
        return 'done';
      }
      case 'end': {
        const ticketId = command.ticketId ?? threadTicket;
        if (!ticketId) {
          await context.sendActivity(t('agent:help'));
          return 'done';
        }
        return this.report(context, await this.deps.actions.end(ticketId, agent, eventId), c, 'end', ticketId);
      }
      case 'canned': {
        const ticketId = command.ticketId ?? threadTicket;
        if (!ticketId) {
          await context.sendActivity(t('agent:help'));
          return 'done';
        }
        await context.sendActivity({ attachments: [cannedCard(ticketId, c)] });
        return 'done';
      }
    }
  }

  /**
   * Tells the agent what happened (success replies only where the card update is not enough). An
   * action that did not reach the buyer is `retry`: a redelivery of the activity tries again.
   */
  private async report(context: TurnContext, result: ActionResult, c: CardContext, action: 'accept' | 'end' | undefined, requested = ''): Promise<WorkOutcome> {
    const { t } = c;
    if (result.ok) {
      if (!result.delivered) {
        await context.sendActivity(t('agent:relay.undelivered'));
        return 'retry';
      }
      if (action === 'accept') await context.sendActivity(t('agent:accept.ok', { agentName: result.ticket.agentName ?? '', ticketId: result.ticket.ticketId }));
      else if (action === 'end') await context.sendActivity(t('agent:relay.ended', { agentName: result.ticket.agentName ?? '' }));
      return 'done';
    }
    const ticketId = result.ticket?.ticketId ?? requested;
    const agentName = result.ticket?.agentName ?? '';
    const key = {
      not_found: 'agent:accept.notFound',
      taken: 'agent:accept.taken',
      closed: 'agent:accept.closed',
      not_accepted: 'agent:relay.notAccepted',
      not_yours: 'agent:relay.notYours',
      unavailable: 'agent:approve.unavailable',
    }[result.code];
    await context.sendActivity(t(key, { ticketId, agentName }));
    return 'done';
  }
}
