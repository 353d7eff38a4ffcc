/**
 * What the Teams side must remember between turns: where buyers are (to reach them proactively;
 * read from their conversation records), which channel the agents work in, and which Teams thread
 * belongs to which handoff ticket. Memory implementations; Redis ones in redis-stores.ts.
 */
import type { ConversationReference } from 'botbuilder';
import type { ConversationStore } from '../../state/conversation-store.js';

export type Reference = Partial<ConversationReference>;

/** Buyer conversation id → the reference botbuilder needs to continue that conversation. */
export interface BuyerReferences {
  get(conversationId: string): Promise<Reference | undefined>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored reference is accepted when it is an object whose `conversation`, if present, has a string
 * id: the shape botbuilder needs to continue a conversation. Everything else in it is passed on as
 * botbuilder wrote it.
 */
export function isReference(value: unknown): value is Reference {
  if (!isObject(value)) return false;
  const { conversation } = value;
  return conversation === undefined || (isObject(conversation) && typeof conversation.id === 'string');
}

/**
 * Buyers' references as their conversation records hold them: every saved buyer turn writes its
 * reference there (the turn runner), so reaching a buyer costs no write of its own and the
 * reference lives and expires with the conversation.
 */
export function recordReferences(conversations: Pick<ConversationStore, 'load'>): BuyerReferences {
  return {
    async get(conversationId) {
      const reference = (await conversations.load(conversationId)).record?.reference;
      return isReference(reference) ? reference : undefined;
    },
  };
}

/** Where handoff cards go, and the team whose channels count as the agents' (`channelData.team.id`). */
export type AgentChannel = Reference & { teamId?: string };

/** The agents' channel: set when the bot is added to the agents' team. */
export interface AgentChannelStore {
  set(reference: AgentChannel): Promise<void>;
  get(): Promise<AgentChannel | undefined>;
}

export class MemoryAgentChannelStore implements AgentChannelStore {
  private ref: AgentChannel | undefined;
  async set(reference: AgentChannel): Promise<void> {
    this.ref = structuredClone(reference);
  }
  async get(): Promise<AgentChannel | undefined> {
    return this.ref ? structuredClone(this.ref) : undefined;
  }
}

/** A handoff card in the agents' channel: the thread root and the channel it lives in. */
export interface TicketThread {
  ticketId: string;
  /** Channel conversation id (without `;messageid=`). */
  channelConversationId: string;
  /** Id of the card activity = the thread's root message id. */
  cardActivityId: string;
  reference: Reference;
}

export interface TicketThreadStore {
  set(thread: TicketThread): Promise<void>;
  byTicket(ticketId: string): Promise<TicketThread | undefined>;
  byRootMessage(cardActivityId: string): Promise<TicketThread | undefined>;
}

export class MemoryTicketThreadStore implements TicketThreadStore {
  private readonly tickets = new Map<string, TicketThread>();
  private readonly roots = new Map<string, string>();
  async set(thread: TicketThread): Promise<void> {
    this.tickets.set(thread.ticketId, structuredClone(thread));
    this.roots.set(thread.cardActivityId, thread.ticketId);
  }
  async byTicket(ticketId: string): Promise<TicketThread | undefined> {
    const t = this.tickets.get(ticketId);
    return t ? structuredClone(t) : undefined;
  }
  async byRootMessage(cardActivityId: string): Promise<TicketThread | undefined> {
    const id = this.roots.get(cardActivityId);
    return id ? this.byTicket(id) : undefined;
  }
}

/** Teams channel thread ids look like `19:abc@thread.tacv2;messageid=1712345678901`. */
export function splitThreadId(conversationId: string): { channelConversationId: string; rootMessageId?: string } {
  const m = /^(.*);messageid=(.+)$/.exec(conversationId);
  return m && m[1] && m[2] ? { channelConversationId: m[1], rootMessageId: m[2] } : { channelConversationId: conversationId };
}
