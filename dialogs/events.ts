/** Events the bot sends to the dialog machines: one per buyer turn. */
import type { Entity, Intent } from '../src/nlu/types.js';
import type { Lang } from '../src/domain/lang.js';
import type { Reply } from './reply.js';

export type { Control } from '../src/nlu/types.js';
import type { Control } from '../src/nlu/types.js';

export interface Understood {
  intent: Intent;
  score: number;
  entities: Entity[];
  alternative?: { intent: Intent; score: number };
  faq?: { id: string; score: number };
}

interface TurnFacts {
  /** Stable per buyer message (activity id): the base of idempotency keys for side effects. */
  turnId: string;
  /** The turn's clock, ISO: machines compare deadlines with it instead of reading a clock. */
  now: string;
  lang: Lang;
}

export interface UserSaid extends TurnFacts {
  type: 'user.said';
  text: string;
  nlu: Understood;
  control?: Control;
  /** Set when the buyer picked a quick reply or submitted a card. */
  choice?: string;
  /** Email named by a host page's verified buyer token. */
  verifiedEmail?: string;
  /** Photos the buyer attached (links served by this app). */
  photos?: string[];
  /** A pre-sales answer from the seller's catalog / knowledge base (keys + values), or its abstention. */
  presales?: {
    answered: boolean;
    replies: Reply[];
    /** The classifier's own reading the pre-sales answer replaced ("can I return it?" read as a return): in context it may be about the order discussed. */
    readAs?: Intent;
  };
}

export interface ConversationStarted extends TurnFacts {
  type: 'conversation.started';
}

/** The buyer asked for another language and said nothing else: a flow under way asks its question again in it. */
export interface LanguageSwitched extends TurnFacts {
  type: 'language.switched';
}

export type TurnEvent = UserSaid | ConversationStarted | LanguageSwitched | AgentEvent;

/** Sent by the handoff side (Teams) into the buyer's conversation. */
export interface AgentJoined {
  type: 'agent.joined';
  turnId: string;
  now: string;
  agentName: string;
}

export interface AgentSaid {
  type: 'agent.said';
  turnId: string;
  now: string;
  /** A canned reply key (rendered in the buyer's language) ... */
  key?: string;
  /** Values of `key` (e.g. the order an approved exception cancelled). */
  values?: Record<string, string | number>;
  /** ... or the agent's own words, relayed as written. */
  text?: string;
}

export interface AgentEnded {
  type: 'agent.ended';
  turnId: string;
  now: string;
}

export type AgentEvent = AgentJoined | AgentSaid | AgentEnded;
