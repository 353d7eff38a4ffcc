/**
 * Prometheus metrics (prom-client) on a registry of our own, so two assistants in one process (tests,
 * the benchmark) never collide on the global registry. The turn runner reports through the small
 * `TurnMetrics` port, so it does not depend on prom-client.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** How a turn ended, as counted by `asa_turns_total` and labelled on the latency histogram. */
export type TurnOutcome = 'ok' | 'rejected' | 'duplicate' | 'busy' | 'rate_limited' | 'unavailable' | 'failed';

/** What the turn runner reports; a no-op implementation is used when metrics are off. */
export interface TurnMetrics {
  turn(outcome: TurnOutcome, seconds: number, channel?: string): void;
  intent(intent: string, lang: string): void;
  error(code: string): void;
}

export const noMetrics: TurnMetrics = {
  turn: () => undefined,
  intent: () => undefined,
  error: () => undefined,
};

export interface AppMetrics extends TurnMetrics {
  readonly registry: Registry;
  handoff(): void;
  httpRejected(reason: 'rate_limited' | 'unauthorized' | 'too_large' | 'bad_request' | 'tenant_denied' | 'unavailable'): void;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'asa_' });
  const latency = new Histogram({
    name: 'asa_turn_duration_seconds',
    help: 'Time from receiving a buyer activity to having its replies ready (load, NLU, machine, save).',
    labelNames: ['outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const turns = new Counter({ name: 'asa_turns_total', help: 'Turns by outcome.', labelNames: ['outcome'], registers: [registry] });
  const intents = new Counter({ name: 'asa_intents_total', help: 'Recognised intents of buyer messages.', labelNames: ['intent', 'lang'], registers: [registry] });
  const handoffs = new Counter({ name: 'asa_handoffs_total', help: 'Conversations handed to a person.', registers: [registry] });
  const errors = new Counter({ name: 'asa_errors_total', help: 'Failed turns by error code.', labelNames: ['code'], registers: [registry] });
  const rejected = new Counter({ name: 'asa_http_rejected_total', help: 'Requests refused before a turn ran.', labelNames: ['reason'], registers: [registry] });
  return {
    registry,
    contentType: registry.contentType,
    turn(outcome, seconds) {
      latency.observe({ outcome }, seconds);
      turns.inc({ outcome });
    },
    intent(intent, lang) {
      intents.inc({ intent, lang });
    },
    error(code) {
      errors.inc({ code });
    },
    handoff() {
      handoffs.inc();
    },
    httpRejected(reason) {
      rejected.inc({ reason });
    },
    render: () => registry.metrics(),
  };
}
