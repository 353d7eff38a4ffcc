/**
 * What the Teams side must remember between turns: where buyers are (to reach them proactively),
 * which channel the agents work in, and which Teams thread belongs to which handoff ticket.
 * Memory implementations; a Redis one can implement the same interfaces for several instances.
 */
import type { ConversationReference } from 'botbuilder';

export type Reference = Partial<ConversationReference>;

/** Buyer conversation id → the reference botbuilder needs to continue that conversation. */
export interface ConversationReferenceStore {
  set(conversationId: string, reference: Reference): Promise<void>;
  get(conversationId: string): Promise<Reference | undefined>;
}

export class MemoryConversationReferenceStore implements ConversationReferenceStore {
  private readonly refs = new Map<string, Reference>();
  async set(conversationId: string, reference: Reference): Promise<void> {
    this.refs.set(conversationId, structuredClone(reference));
  }
  async get(conversationId: string): Promise<Reference | undefined> {
    const ref = this.refs.get(conversationId);
    return ref ? structuredClone(ref) : undefined;
  }
}

/** The agents' channel: set when the bot is added to a team (the last team wins). */
export interface AgentChannelStore {
  set(reference: Reference): Promise<void>;
  get(): Promise<Reference | undefined>;
}

export class MemoryAgentChannelStore implements AgentChannelStore {
  private ref: Reference | undefined;
  async set(reference: Reference): Promise<void> {
    this.ref = structuredClone(reference);
  }
  async get(): Promise<Reference | undefined> {
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
