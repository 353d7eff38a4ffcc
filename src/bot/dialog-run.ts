/**
 * The dialog step of a turn: the conversation's root machine restored from its saved snapshot, ONE
 * event sent, and a wait until every machine in the tree is settled (waiting for the buyer again, no
 * service call in flight). The actor is stopped afterwards: the next turn restores from what was saved.
 */
import { createActor, type AnyActorRef, type AnyStateMachine, type Snapshot } from 'xstate';
import type { Logger } from 'pino';
import type { Reply, ReplyEmitted } from '../../dialogs/reply.js';
import type { TurnEvent } from '../../dialogs/events.js';

export class TurnError extends Error {
  constructor(
    readonly code: 'TURN_TIMEOUT' | 'MACHINE_ERROR' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'TurnError';
  }
}

type MachineSnapshotLike = Snapshot<unknown> & {
  hasTag?: (tag: string) => boolean;
  children?: Record<string, AnyActorRef | undefined>;
};

/** Settled: every machine in the tree waits for the buyer (or is done) and no service call is in flight. */
function isSettled(snapshot: MachineSnapshotLike): boolean {
  if (snapshot.status !== 'active') return true;
  if (typeof snapshot.hasTag !== 'function') return false; // an invoked promise still running
  if (!snapshot.hasTag('awaitingUser')) return false;
  return Object.values(snapshot.children ?? {}).every((child) => !child || isSettled(child.getSnapshot() as MachineSnapshotLike));
}

/** Where the actor tree reports during the turn. */
interface Sink {
  replies: Reply[];
  failure: unknown;
  wake: (() => void) | undefined;
}

export interface DialogRun {
  replies: Reply[];
  /** The persisted snapshot to save. */
  snapshot: unknown;
}

export async function runDialog(
  machine: AnyStateMachine,
  conversationId: string,
  persisted: unknown,
  event: TurnEvent,
  options: { timeoutMs: number; logger: Logger },
): Promise<DialogRun> {
  let started = start(machine, conversationId, persisted);
  if (persisted && started.actor.getSnapshot().status === 'error') {
    // Saved by a version whose dialogs had other states (an upgrade): it can never be restored, so
    // the conversation starts over here, saying so, instead of failing on every turn from now on.
    const reason = started.sink.failure instanceof Error ? started.sink.failure.message : String(started.sink.failure);
    options.logger.warn({ conversationId, err: reason }, 'saved dialog state does not fit these dialogs; starting over');
    started.actor.stop();
    started = start(machine, conversationId, undefined);
    started.sink.replies.push({ key: 'common:startOver' });
  }
  const { actor, sink } = started;
  try {
    actor.send(event);
    await settled(actor, sink, options.timeoutMs);
    return { replies: sink.replies, snapshot: actor.getPersistedSnapshot() };
  } finally {
    actor.stop();
  }
}

/** A new actor tree for the conversation (from its snapshot, if any), reporting to its own sink. */
function start(machine: AnyStateMachine, conversationId: string, snapshot: unknown): { actor: AnyActorRef; sink: Sink } {
  const sink: Sink = { replies: [], failure: undefined, wake: undefined };
  const actor = createActor(machine, {
    input: { conversationId },
    ...(snapshot ? { snapshot: snapshot as Snapshot<unknown> } : {}),
    inspect: (ev) => {
      if (ev.type === '@xstate.actor') {
        const ref = ev.actorRef as AnyActorRef & { on?: (type: string, fn: (e: ReplyEmitted) => void) => unknown };
        ref.on?.('reply', (e: ReplyEmitted) => sink.replies.push(e.reply));
      }
      if (ev.type === '@xstate.snapshot') sink.wake?.();
    },
  });
  actor.subscribe({
    error: (err) => {
      sink.failure = err;
      sink.wake?.();
    },
  });
  actor.start();
  return { actor, sink };
}

const failureOf = (failure: unknown): Error => (failure instanceof Error ? failure : new TurnError('MACHINE_ERROR', String(failure)));

/** Resolves once the tree is settled; rejects on a machine error or after `timeoutMs`. */
async function settled(actor: AnyActorRef, sink: Sink, timeoutMs: number): Promise<void> {
  // Turns that call no service are settled once send() returns: no timer, no waiting for them.
  if (sink.failure === undefined && !isSettled(actor.getSnapshot() as MachineSnapshotLike)) {
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new TurnError('TURN_TIMEOUT', `turn not settled after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (sink.failure !== undefined || isSettled(actor.getSnapshot() as MachineSnapshotLike)) {
            clearTimeout(timer);
            resolve();
          }
        };
        sink.wake = check;
        check();
      });
    } finally {
      sink.wake = undefined;
    }
  }
  if (sink.failure !== undefined) throw failureOf(sink.failure);
  if (actor.getSnapshot().status === 'error') throw new TurnError('MACHINE_ERROR', 'root machine failed');
}
