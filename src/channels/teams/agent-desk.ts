/**
 * Support agents in Teams: the agents' channel (handoff cards and their threads) and text commands.
 * Plugged into AfterSalesBot as its AgentDesk, so agent activities never reach the buyer flow.
 *
 * Who counts as an agent: a user of an allowed tenant (an empty list allows nobody) writing in a
 * channel of the agents' team (`TEAMS_AGENTS_TEAM_ID`, else the first team the bot was added to,
 * pinned). Direct messages and group chats get a pointer to the channel, never an agent command:
 * anyone in the tenant can message the bot. Adding the bot to another team changes nothing.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { localeToLang, type Lang } from '../../domain/lang.js';
import { tenantAllowed } from '../../security/teams-tenants.js';
import type { AgentDesk } from '../../bot/bot.js';
import { activityDedup, BoundedMemoryIdempotencyStore, parseCannedKey, type ActionResult, type ActivityDedup, type Agent, type AgentDeskService, type WorkOutcome } from '../agent-desk/index.js';
import { parseAgentCommand, type AgentCommand } from './agent-commands.js';
import { cannedCard, orderCard, queueCard, transcriptCard, type CardContext } from './cards.js';
import type { AgentChannelStore, TicketThreadStore } from './stores.js';
import { splitThreadId } from './stores.js';
import type { TeamsChannelPoster } from './channel-poster.js';

export const TEAMS_CHANNEL_ID = 'msteams';

export interface TeamsAgentDeskDeps {
  actions: AgentDeskService;
  poster: TeamsChannelPoster;
  channel: AgentChannelStore;
  threads: TicketThreadStore;
  cardContext: (lang: Lang) => CardContext;
  /** When the agent's activity names no locale. */
  defaultLang: Lang;
  logger: Logger;
  /** Teams tenants whose users count as agents; empty = nobody (agent features off). */
  allowedTenants?: string[];
  /** The agents' team id (`channelData.team.id`); absent = the first team the bot is added to. */
  agentsTeamId?: string;
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

function teamOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { team?: { id?: unknown } } | undefined;
  return typeof data?.team?.id === 'string' ? data.team.id : undefined;
}

export class TeamsAgentDesk implements AgentDesk {
  private readonly dedup: ActivityDedup;
  private readonly tenants: ReadonlySet<string>;

  constructor(private readonly deps: TeamsAgentDeskDeps) {
    this.dedup = deps.dedup ?? activityDedup(new BoundedMemoryIdempotencyStore(), 'teams-activity');
    this.tenants = new Set((deps.allowedTenants ?? []).map((t) => t.toLowerCase()));
  }

  /** The agents' team: configured, else pinned by the first install. */
  private async agentsTeam(): Promise<string | undefined> {
    return this.deps.agentsTeamId ?? (await this.deps.channel.get())?.teamId;
  }

  /** Every Teams activity belongs to agents: buyers reach the bot through the widget or other channels. */
  handles(context: TurnContext): boolean {
    return context.activity.channelId === TEAMS_CHANNEL_ID;
  }

  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!tenantAllowed(tenantOf(activity), this.tenants)) {
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
    if (activity.conversation?.conversationType !== 'channel') {
      // Anyone in the tenant can message the bot directly: no agent command here.
      await context.sendActivity(c.t('agent:channelOnly'));
      return 'done';
    }
    const team = await this.agentsTeam();
    if (!team || teamOf(activity) !== team) {
      this.deps.logger.warn({ team: teamOf(activity) }, "Teams message from outside the agents' team ignored");
      return 'done';
    }
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
    const teamId = teamOf(activity);
    if (!botAdded || !teamId) return;
    // The first team pins itself unless one is configured; being added elsewhere never moves the channel.
    const team = (await this.agentsTeam()) ?? teamId;
    if (teamId !== team) {
      this.deps.logger.warn({ teamId }, "bot added to a team that is not the agents' team; ignored (TEAMS_AGENTS_TEAM_ID names the agents' team)");
      return;
    }
    // No activityId: proactive posts must start new threads, not reply to the install event.
    const { activityId: _install, ...reference } = TurnContext.getConversationReference(activity);
    const channelId = data?.channel?.id ?? splitThreadId(activity.conversation?.id ?? '').channelConversationId;
    // The tenant goes with the reference: proactive posts pass the tenant gate like incoming activities.
    const tenantId = tenantOf(activity);
    await this.deps.channel.set({
      ...reference,
      teamId,
      conversation: { name: '', ...reference.conversation, id: channelId, isGroup: true, conversationType: 'channel', ...(tenantId ? { tenantId } : {}) },
    });
    this.deps.logger.info({ teamId, channelId }, 'agents channel registered');
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
        await context.sendActivity({ attachments: [queueCard(await this.deps.actions.queue.queue(), this.deps.actions.now(), c)] });
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
