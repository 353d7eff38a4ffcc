/**
 * The one ActivityHandler every channel goes through (Emulator, Web Chat via Direct Line, Teams,
 * the terminal). It only translates activities into turn requests and sends what the turn runner
 * returns: all decisions live in the dialog machines.
 */
import { ActivityHandler, TurnContext, type Activity } from 'botbuilder';
import type { TurnRequest, TurnRunner } from './turn-runner.js';
import { pageProductIdOf } from '../services/catalog/turn.js';

/** Handles activities from support agents (e.g. the Teams agents' channel) instead of the buyer flow. */
export interface AgentDesk {
  handles(context: TurnContext): boolean;
  run(context: TurnContext): Promise<void>;
}

export interface BotOptions {
  agentDesk?: AgentDesk;
  /** Maps a host page's buyer token (channelData.buyerToken) to a verified email. */
  verifyBuyerToken?: (token: string) => Promise<{ email: string } | undefined>;
}

/** Image attachments (the widget uploads them to this app) as links; anything else is ignored. */
function photosOf(attachments: { contentType?: string; contentUrl?: string }[] | undefined): { photos?: string[] } {
  const photos = (attachments ?? [])
    .filter((a) => typeof a.contentType === 'string' && a.contentType.startsWith('image/') && typeof a.contentUrl === 'string' && /^https?:\/\//.test(a.contentUrl))
    .map((a) => String(a.contentUrl))
    .slice(0, 5);
  return photos.length > 0 ? { photos } : {};
}

export class AfterSalesBot extends ActivityHandler {
  constructor(
    private readonly runner: TurnRunner,
    private readonly options: BotOptions = {},
  ) {
    super();
    this.onMessage(async (context, next) => {
      if (this.options.agentDesk?.handles(context)) await this.options.agentDesk.run(context);
      else await this.runTurn(context, 'message');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (this.options.agentDesk?.handles(context)) {
        await this.options.agentDesk.run(context);
        return next();
      }
      const botId = context.activity.recipient?.id;
      const buyerJoined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (buyerJoined) await this.runTurn(context, 'start');
      await next();
    });
  }

  private async runTurn(context: TurnContext, kind: TurnRequest['kind']): Promise<void> {
    const activity = context.activity;
    const verifiedEmail = await this.buyerEmail(activity.channelData);
    // Saved with the turn, so agents can reach the buyer later. Without activityId: a later agent
    // message is a new message, not a reply to this one.
    const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity);
    const result = await this.runner.run({
      conversationId: activity.conversation.id,
      activityId: redeliveryId(activity),
      kind,
      ...(typeof activity.text === 'string' ? { text: activity.text } : {}),
      ...(activity.value !== undefined ? { value: activity.value } : {}),
      ...(verifiedEmail ? { verifiedEmail } : {}),
      ...(activity.locale ? { localeHint: activity.locale } : {}),
      ...pageOf(activity.channelData),
      ...photosOf(activity.attachments),
      reference,
    });
    if (result.replies.length > 0) await context.sendActivities(result.replies.map((r) => r.activity));
  }

  private async buyerEmail(channelData: unknown): Promise<string | undefined> {
    if (!this.options.verifyBuyerToken || typeof channelData !== 'object' || channelData === null) return undefined;
    const token = (channelData as { buyerToken?: unknown }).buyerToken;
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    return (await this.options.verifyBuyerToken(token))?.email;
  }
}

/**
 * The id a redelivery of this message repeats: Web Chat's `clientActivityID` when the page sent one
 * (a re-posted message gets a new server id but keeps it), else the channel's activity id (Bot
 * Framework retries repeat it). Two different messages never share it, so no message is swallowed.
 */
function redeliveryId(activity: Activity): string {
  const client = isRecord(activity.channelData) ? activity.channelData.clientActivityID : undefined;
  if (typeof client === 'string' && client.length > 0 && client.length <= 100) return `client:${client}`;
  return activity.id ?? `${activity.conversation.id}:${activity.timestamp?.toString() ?? Date.now()}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The product page the buyer is on (`channelData.pageProductId`, sent by the widget): "this one". */
function pageOf(channelData: unknown): { pageProductId?: string } {
  const id = pageProductIdOf(channelData);
  return id ? { pageProductId: id } : {};
}
