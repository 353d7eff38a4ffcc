/** What a channel asks of the turn runner, and what it gets back. */
import type { Lang } from '../domain/lang.js';
import type { TurnOutcome } from '../metrics/metrics.js';
import type { ChannelReference } from '../state/conversation-store.js';
import type { RenderedReply } from './render.js';

export interface TurnRequest {
  conversationId: string;
  /** Activity id: idempotency keys for side effects derive from it, and a redelivery repeats it. */
  activityId: string;
  kind: 'message' | 'start' | 'agent';
  /** For kind 'agent': what the support agent did (joined, said, ended). */
  agent?: { type: 'agent.joined'; agentName: string } | { type: 'agent.said'; key?: string; values?: Record<string, string | number>; text?: string } | { type: 'agent.ended' };
  text?: string;
  /** Quick reply / card submit payload. */
  value?: unknown;
  /** Email from a verified host-page buyer token. */
  verifiedEmail?: string;
  /** Links to photos the buyer attached. */
  photos?: string[];
  /** Language hint from the channel (page/browser locale) for the very first turn. */
  localeHint?: string;
  /** Product id of the page the buyer is on (the widget passes it): "this one" in pre-sales questions. */
  pageProductId?: string;
  /**
   * The channel's conversation reference for reaching the buyer later (buyer turns), saved in the
   * record with the turn; not interpreted here. Absent: the stored one is kept (agent turns).
   */
  reference?: ChannelReference;
}

export interface TurnResult {
  lang: Lang;
  replies: RenderedReply[];
  /** True when the turn failed and the replies are the apology (state unchanged). */
  failed: boolean;
  /** How the turn ended (metrics, logs, tests). */
  outcome?: TurnOutcome;
  /** Intent the NLU found, for buyer messages that reached it. */
  intent?: string;
}
