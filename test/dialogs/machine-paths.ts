/**
 * Machines tested on their own: generated paths (`@xstate/graph` shortest paths over an event alphabet)
 * reach every resting state; each path is then replayed on a real actor (`createActor`, services
 * provided as fakes that never answer, their results sent as the done / error events the graph chose)
 * and every event of the alphabet is tried at its end, recording the transitions taken (inspection
 * microsteps). The result is compared with the machine's own list of states and transitions.
 */
import { getShortestPaths } from '@xstate/graph';
import { createActor, fromPromise, type AnyStateMachine, type EventObject, type TransitionDefinition } from 'xstate';

type AnyTransition = TransitionDefinition<never, EventObject>;

/** Every transition of every state node, keyed by source, event and position (guards are ordered). */
function allTransitions(machine: AnyStateMachine): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: AnyStateMachine['root']) => {
    for (const [eventType, list] of node.transitions) list.forEach((t, i) => out.set(keyOf(t, eventType, i), node.id));
    node.always?.forEach((t, i) => out.set(keyOf(t, '', i), node.id));
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  return out;
}

function keyOf(t: AnyTransition, eventType: string, index: number): string {
  return `${t.source.id} on "${eventType}" #${index} → ${(t.target ?? []).map((n) => n.id).join(',') || '(self)'}`;
}

function indexOf(t: AnyTransition): string {
  const list = t.eventType === '' ? (t.source.always ?? []) : (t.source.transitions.get(t.eventType) ?? []);
  return keyOf(t, t.eventType, list.indexOf(t));
}

export interface Coverage {
  states: string[];
  missingStates: string[];
  transitions: number;
  missingTransitions: string[];
}

/**
 * Explores `machine` (services replaced by never-answering fakes, `stub` names them) from `input`
 * with the events `alphabet` offers in each state.
 */
export function explore(
  machine: AnyStateMachine,
  input: unknown,
  alphabet: (snapshot: { children: Record<string, unknown>; value: unknown }) => EventObject[],
  stub: { actors: string[]; actions?: string[] },
  /** What makes two snapshots the same vertex (default: the whole snapshot); keeps growing contexts finite. */
  key?: (snapshot: { value: unknown; context: unknown; status: string }) => string,
): Coverage {
  const never = fromPromise<never>(() => new Promise<never>(() => undefined));
  const logic = machine.provide({
    actors: Object.fromEntries(stub.actors.map((a) => [a, never])),
    actions: Object.fromEntries((stub.actions ?? []).map((a) => [a, () => undefined])),
  });
  const paths = getShortestPaths(logic, { input, events: alphabet as never, ...(key ? { serializeState: key as never } : {}) });
  const taken = new Set<string>();
  const reached = new Set<string>();
  const run = (events: EventObject[]) => {
    const actor = createActor(logic, {
      input,
      inspect: (ev) => {
        // Only the machine under test (its root actor), not the fakes it invokes.
        if (ev.type !== '@xstate.microstep' || ev.actorRef.sessionId !== ev.rootId) return;
        for (const t of (ev as unknown as { _transitions: AnyTransition[] })._transitions) {
          taken.add(indexOf(t));
          reached.add(t.source.id);
          for (const n of t.target ?? []) reached.add(n.id);
        }
      },
    });
    actor.start();
    for (const n of actor.getSnapshot()._nodes) reached.add(n.id);
    for (const e of events) actor.send(e);
    for (const n of actor.getSnapshot()._nodes) reached.add(n.id);
    actor.stop();
  };
  for (const path of paths) {
    const steps = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.init'));
    if ((path.state as { status?: string }).status === 'done') run(steps);
    else for (const e of alphabet(path.state)) run([...steps, e]);
  }
  const transitions = allTransitions(logic);
  const stateIds: string[] = [];
  const visit = (node: AnyStateMachine['root']) => {
    stateIds.push(node.id);
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(logic.root);
  return {
    states: stateIds,
    missingStates: stateIds.filter((s) => !reached.has(s)),
    transitions: transitions.size,
    missingTransitions: [...transitions.keys()].filter((k) => !taken.has(k)),
  };
}
