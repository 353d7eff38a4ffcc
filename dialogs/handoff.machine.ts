/**
 * Hand the buyer to a person: queue with a summary, tell the buyer what happens next (queue
 * position and wait, or outside business hours how they will be contacted), relay messages both ways
 * while an agent owns the conversation, and give the conversation back to the bot when the agent ends.
 * States tagged `withPerson` get every buyer message as written (the root does not interpret them);
 * "never mind" while still queued withdraws the request.
 */
import { assign, emit, setup } from 'xstate';
import type { HandoffRequest, HandoffTicket } from '../src/domain/handoff.js';
import type { Intent } from '../src/nlu/types.js';
import type { TurnEvent } from './events.js';
import type { FlowInput, FlowOutput } from './flow.js';
import { dateValue, type Reply, type ReplyEmitted } from './reply.js';
import { effectKey, serviceActors } from './services.js';

export interface HandoffInput extends FlowInput {
  reason: NonNullable<FlowOutput['handoffReason']>;
  priorIntent?: Intent;
  actions: string[];
  /** The exception an agent is asked to approve, carried on the ticket so approving executes it. */
  pendingAction?: FlowOutput['pendingAction'];
  /** Pre-sales questions the buyer asked before, shown to the agent. */
  presalesAsked?: string[];
}

interface HandoffContext {
  input: HandoffInput;
  ticket?: HandoffTicket;
  agentName?: string;
  pendingText?: string;
}

/** The summary an agent reads first; keys so it renders in the agent's own language. */
function handoffRequest(input: HandoffInput): HandoffRequest & { idempotencyKey: string; now: string } {
  const summary: HandoffRequest['summary'] = [{ key: `handoff:reasons.${input.reason}` }];
  if (input.priorIntent) summary.push({ key: 'handoff:summaryIntent', values: { intent: input.priorIntent } });
  if (input.verifiedOrderId) summary.push({ key: 'handoff:summaryOrder', values: { orderId: input.verifiedOrderId } });
  if (input.pendingAction) summary.push({ key: `handoff:summaryPending.${input.pendingAction.kind}`, values: { orderId: input.pendingAction.orderId } });
  if (input.presalesAsked?.length) summary.push({ key: 'handoff:summaryPresales', values: { questions: input.presalesAsked.join(' · ') } });
  return {
    conversationId: input.conversationId,
    lang: input.lang,
    reason: input.reason,
    ...(input.priorIntent ? { intent: input.priorIntent } : {}),
    ...(input.verifiedOrderId ? { orderId: input.verifiedOrderId } : {}),
    summary,
    actions: input.actions,
    ...(input.pendingAction ? { pending: input.pendingAction } : {}),
    idempotencyKey: effectKey(input.conversationId, input.first.turnId, 'handoff'),
    now: input.first.now,
  };
}

export const handoffMachine = setup({
  types: { context: {} as HandoffContext, events: {} as TurnEvent, input: {} as HandoffInput, output: {} as FlowOutput, emitted: {} as ReplyEmitted },
  actors: { requestHandoff: serviceActors.requestHandoff, relayToAgent: serviceActors.relayToAgent, withdrawHandoff: serviceActors.withdrawHandoff },
  actions: {
    say: emit((_, reply: Reply) => ({ type: 'reply' as const, reply })),
    keepText: assign({ pendingText: ({ event }) => (event.type === 'user.said' ? event.text : undefined) }),
    agentSays: emit(({ context, event }) => ({
      type: 'reply' as const,
      reply:
        event.type === 'agent.said' && event.key
          ? { key: event.key, ...(event.values ? { values: event.values } : {}) }
          : { key: 'handoff:agentMessage', values: { agentName: context.agentName ?? '', text: event.type === 'agent.said' ? (event.text ?? '') : '' } },
    })),
  },
  guards: {
    abort: ({ event }) => event.type === 'user.said' && event.control === 'abort' && !event.choice,
  },
}).createMachine({
  id: 'handoff',
  context: ({ input }) => ({ input }),
  initial: 'requesting',
  states: {
    requesting: {
      invoke: {
        src: 'requestHandoff',
        input: ({ context }) => handoffRequest(context.input),
        onDone: {
          target: 'waiting',
          actions: [
            assign({ ticket: ({ event }) => event.output }),
            emit(({ event }): ReplyEmitted => ({
              type: 'reply',
              reply: event.output.withinHours
                ? { key: 'handoff:queued', values: { position: event.output.queuePosition, minutes: event.output.expectedWaitMinutes } }
                : { key: 'handoff:afterHours', values: { nextOpening: dateValue(event.output.nextOpening ?? new Date(0).toISOString(), 'datetime') } },
            })),
          ],
        },
        onError: { target: 'done', actions: { type: 'say', params: { key: 'handoff:unavailable' } } },
      },
    },
    waiting: {
      tags: ['awaitingUser', 'freeText', 'withPerson'],
      on: {
        'user.said': [
          { guard: 'abort', target: 'withdrawing' },
          { target: 'relayingWhileWaiting', actions: 'keepText' },
        ],
        'agent.joined': { target: 'withAgent', actions: [assign({ agentName: ({ event }) => event.agentName }), emit(({ event }) => ({ type: 'reply' as const, reply: { key: 'handoff:agentJoined', values: { agentName: event.agentName } } }))] },
        'agent.said': { target: 'withAgent', actions: 'agentSays' },
        'agent.ended': { target: 'done', actions: { type: 'say', params: { key: 'handoff:ended' } } },
      },
    },
    relayingWhileWaiting: {
      invoke: {
        src: 'relayToAgent',
        input: ({ context }) => ({ ticketId: context.ticket?.ticketId ?? '', text: context.pendingText ?? '' }),
        onDone: { target: 'waiting', actions: { type: 'say', params: { key: 'handoff:noted' } } },
        onError: { target: 'waiting', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    withAgent: {
      tags: ['awaitingUser', 'freeText', 'withPerson'],
      on: {
        'user.said': { target: 'relaying', actions: 'keepText' },
        'agent.said': { actions: 'agentSays' },
        'agent.ended': { target: 'done', actions: { type: 'say', params: { key: 'handoff:ended' } } },
      },
    },
    relaying: {
      invoke: {
        src: 'relayToAgent',
        input: ({ context }) => ({ ticketId: context.ticket?.ticketId ?? '', text: context.pendingText ?? '' }),
        onDone: { target: 'withAgent' },
        onError: { target: 'withAgent', actions: { type: 'say', params: { key: 'common:errors.serviceUnavailable' } } },
      },
    },
    withdrawing: {
      invoke: {
        src: 'withdrawHandoff',
        input: ({ context }) => ({ ticketId: context.ticket?.ticketId ?? '' }),
        onDone: { target: 'done', actions: { type: 'say', params: { key: 'handoff:withdrawn' } } },
        onError: { target: 'done', actions: { type: 'say', params: { key: 'handoff:withdrawn' } } },
      },
    },
    done: { type: 'final' },
  },
  output: ({ context }) => ({
    outcome: 'done',
    actions: [],
    intent: 'human_agent',
    ...(context.input.verifiedOrderId ? { verifiedOrderId: context.input.verifiedOrderId } : {}),
  }),
});
