/**
 * Support agents in Microsoft Teams, assembled from the application's parts. The composition root
 * passes the returned `agentDesk` to AfterSalesBot and calls `mount(app)` for the agent console tab.
 * Buyers are reached through the conversation references their saved turns keep in the records.
 */
import type { CloudAdapter } from 'botbuilder';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Lang } from '../../domain/lang.js';
import type { TurnRequest, TurnResult } from '../../bot/turn-runner.js';
import type { Renderer } from '../../bot/render.js';
import type { HandoffQueuePort } from '../../services/handoff/handoff-port.js';
import type { OrderService } from '../../services/ports.js';
import type { TranscriptStore } from '../../state/transcript-store.js';
import type { PolicyConfig } from '../../policy/index.js';
import type { IdempotencyStore } from '../../services/idempotency/idempotency-store.js';
import type { ConversationStore } from '../../state/conversation-store.js';
import { mountAgentTab } from '../../agent-tab/tab-routes.js';
import { mountLegalPages, type LegalPagesOptions } from './legal-pages.js';
import { referenceTrusted } from '../../security/trusted-callers.js';
import type { TabAuth } from '../../agent-tab/tab-auth.js';
import { activityDedup, AgentDeskService, BoundedMemoryIdempotencyStore, type TicketHistory } from '../agent-desk/index.js';
import { TeamsAgentDesk } from './agent-desk.js';
import { AdapterBuyerNotifier } from './buyer-notifier.js';
import { TeamsChannelPoster } from './channel-poster.js';
import type { CardContext, Translate } from './cards.js';
import type { RetryOptions } from './retry.js';
import { MemoryAgentChannelStore, MemoryTicketThreadStore, recordReferences, type AgentChannelStore, type TicketThreadStore } from './stores.js';

export * from './agent-commands.js';
export * from './agent-desk.js';
export * from './buyer-notifier.js';
export * from './cards.js';
export * from './channel-poster.js';
export * from './retry.js';
export * from './stores.js';

export interface TeamsIntegrationDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  runner: { run(req: TurnRequest): Promise<TurnResult> };
  handoff: HandoffQueuePort;
  transcripts: TranscriptStore;
  orders: OrderService;
  policy: PolicyConfig;
  renderer: Renderer;
  logger: Logger;
  clock?: () => Date;
  /** Language of cards posted to the agents' channel (replies follow each agent's Teams locale). */
  agentLang?: Lang;
  /** Dates on agent cards. */
  timeZone?: string;
  /** Tenants allowed to act as agents (Teams activities from others are ignored); empty = nobody. */
  allowedTenants?: string[];
  /** The agents' team (`TEAMS_AGENTS_TEAM_ID`); absent = the first team the bot is added to. */
  agentsTeamId?: string;
  /** Console tab authentication: local (loopback, no sign-in) or Teams SSO. */
  tabAuth?: TabAuth;
  /** The conversation records, where every saved buyer turn keeps the buyer's conversation reference. */
  conversations: Pick<ConversationStore, 'load'>;
  agentChannel?: AgentChannelStore;
  threads?: TicketThreadStore;
  retry?: RetryOptions;
  /**
   * Where handled agent activities and agent turns are remembered, so a redelivered activity acts
   * once and a failed one is retried: the Redis store when several instances serve the bot
   * (a redelivery may reach another instance); one process's bounded memory by default.
   */
  idempotency?: IdempotencyStore;
  /** Extra trusted service URLs (`TRUSTED_SERVICE_URLS`); proactive posts go only to trusted ones. */
  trustedServiceUrls?: string[];
  /** The seller's privacy notice and terms (`/privacy`, `/terms`, linked from the Teams manifest). */
  legalPages?: LegalPagesOptions;
  /** Closed tickets the desk lists (Redis across instances). */
  history?: TicketHistory;
}

export function createTeamsIntegration(deps: TeamsIntegrationDeps) {
  const references = recordReferences(deps.conversations);
  const agentChannel = deps.agentChannel ?? new MemoryAgentChannelStore();
  const threads = deps.threads ?? new MemoryTicketThreadStore();
  const agentLang = deps.agentLang ?? 'en';
  const timeZone = deps.timeZone ?? 'UTC';
  const translate = (lang: Lang): Translate => {
    const t = deps.renderer.t(lang);
    return (key, values) => String(t(key, values ?? {}));
  };
  const cardContext = (lang: Lang): CardContext => ({ t: translate(lang), lang, timeZone });
  const idempotency = deps.idempotency ?? new BoundedMemoryIdempotencyStore();

  const urlPolicy = { botFramework: deps.appId !== '', allowList: deps.trustedServiceUrls ?? [] };
  const trusted = (serviceUrl: unknown) => referenceTrusted(serviceUrl, urlPolicy);
  const notifier = new AdapterBuyerNotifier({ references, cloudAdapter: deps.adapter, appId: deps.appId, trusted, ...(deps.retry ? { retry: deps.retry } : {}) });
  const actions = new AgentDeskService({
    queue: deps.handoff,
    runner: deps.runner,
    notifier,
    transcripts: deps.transcripts,
    orders: deps.orders,
    policy: deps.policy,
    logger: deps.logger,
    turns: idempotency,
    ...(deps.history ? { history: deps.history } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const poster = new TeamsChannelPoster({
    adapter: deps.adapter,
    appId: deps.appId,
    channel: agentChannel,
    threads,
    transcripts: deps.transcripts,
    actions,
    cardContext,
    agentLang,
    logger: deps.logger,
    trusted,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  deps.handoff.listen(poster);
  actions.onAction(poster.onAction);
  const agentDesk = new TeamsAgentDesk({
    actions,
    poster,
    channel: agentChannel,
    threads,
    cardContext,
    defaultLang: agentLang,
    logger: deps.logger,
    dedup: activityDedup(idempotency, 'teams-activity'),
    ...(deps.allowedTenants ? { allowedTenants: deps.allowedTenants } : {}),
    ...(deps.agentsTeamId ? { agentsTeamId: deps.agentsTeamId } : {}),
  });
  if ((deps.allowedTenants ?? []).length === 0) {
    deps.logger.warn(
      "Teams agent features are off: TEAMS_ALLOWED_TENANTS is empty, so no Teams user counts as an agent. To turn them on, set TEAMS_ALLOWED_TENANTS to your Microsoft 365 tenant id and TEAMS_AGENTS_TEAM_ID to the agents' team id (docs/teams.md).",
    );
  }
  const tabAuth: TabAuth = deps.tabAuth ?? { mode: 'local' };
  if (tabAuth.mode === 'local') {
    deps.logger.info('local mode (no MicrosoftAppId): the agent console and agent commands answer direct callers on this machine (loopback) only; LOCAL_AGENT_DESK=off turns them off');
  }
  if (tabAuth.mode === 'teams' && tabAuth.sso.tenantIds.length === 0) {
    // Tokens are accepted from allowed tenants only: with none, the console refuses every agent.
    deps.logger.warn('agent console: Teams sign-in is on but no tenant is allowed (TEAMS_ALLOWED_TENANTS is empty), so every agent is refused; set it to your tenant id');
  }

  return {
    agentDesk,
    notifier,
    actions,
    agentChannel,
    threads,
    /** Mounts the agent console tab under /agent-tab. */
    mount(app: Express): void {
      if (deps.legalPages) mountLegalPages(app, deps.legalPages);
      mountAgentTab(app, { actions, auth: tabAuth, cardContext, logger: deps.logger, dedup: activityDedup(idempotency, 'tab-request'), ...(deps.clock ? { clock: deps.clock } : {}) });
    },
    /** Resolves when queued Teams posts have been attempted (tests, shutdown). */
    idle: () => poster.idle(),
  };
}

export type TeamsIntegration = ReturnType<typeof createTeamsIntegration>;
