/**
 * What a buyer is told after asking for a person: place in line, expected wait and whether agents
 * are on duty. One implementation for every queue backend (memory, Redis) so the numbers never
 * depend on where the queue lives. Pure: callers pass the time.
 */
import type { HandoffTicket } from '../../domain/handoff.js';
import { isWithinHours, nextOpening, type BusinessHours } from './business-hours.js';

export interface WaitEstimateOptions {
  hours: BusinessHours;
  /** Average minutes an agent spends per conversation. Default 6. */
  minutesPerTicket?: number;
  /** Agents on duty. Default 1. */
  agentsOnDuty?: number;
}

/**
 * @param waitingIndex zero-based index of the ticket among queued (not yet accepted) tickets,
 *   or -1 when it no longer waits (accepted, closed): it is then reported as first in line.
 */
export function describeTicket(ticketId: string, waitingIndex: number, options: WaitEstimateOptions, at: Date): HandoffTicket {
  const position = Math.max(1, waitingIndex + 1);
  const perTicket = options.minutesPerTicket ?? 6;
  const agents = Math.max(1, options.agentsOnDuty ?? 1);
  const withinHours = isWithinHours(options.hours, at);
  const opening = withinHours ? undefined : nextOpening(options.hours, at);
  return {
    ticketId,
    queuePosition: position,
    expectedWaitMinutes: Math.ceil((position * perTicket) / agents),
    withinHours,
    ...(opening ? { nextOpening: opening.toISOString() } : {}),
  };
}
