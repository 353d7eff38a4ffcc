/**
 * Closed tickets stay findable: the handoff queue keeps every ticket by id but lists only open
 * ones, so the desk remembers which tickets ended (by an agent) or were withdrawn (by the buyer),
 * newest first and bounded. Memory here; the Redis list (shared by instances) in redis-ticket-history.ts.
 */

export interface TicketHistory {
  /** Remembers a ticket that closed (again = moved to the front). */
  add(ticketId: string): Promise<void>;
  /** Ticket ids, newest first. */
  recent(limit: number): Promise<string[]>;
}

/** How many closed tickets are remembered. */
export const HISTORY_MAX = 500;

export class MemoryTicketHistory implements TicketHistory {
  private ids: string[] = [];

  async add(ticketId: string): Promise<void> {
    this.ids = [ticketId, ...this.ids.filter((id) => id !== ticketId)].slice(0, HISTORY_MAX);
  }

  async recent(limit: number): Promise<string[]> {
    return this.ids.slice(0, limit);
  }
}
