/**
 * Drives scripted buyers over HTTP (`POST /api/messages`, `deliveryMode: expectReplies`, what the
 * Emulator and scripts use) and times every turn. Closed loop: each buyer sends its next message
 * when the previous reply is in, after an optional think time, so `buyers` is the number of
 * conversations in flight.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Flow, FlowStep } from './flows.js';

export interface DriveOptions {
  buyers: number;
  seconds: number;
  flows: Flow[];
  /** A bare bot: any reply is right, and quick replies are sent as plain text. */
  echo?: boolean;
  /** Pause before every message (0 = none: saturating). */
  thinkMs?: number;
  /** Think time varies uniformly by ± this fraction. */
  jitter?: number;
  /** Completed conversations kept per flow, for the Redis memory measurement. */
  keepConversations?: number;
}

export interface RunStats {
  turns: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  latenciesMs: number[];
  /**
   * Latencies by turn kind: `<flow kind> <step number>: <reply key>` (e.g. `return 6: returns:labelReady.seller`),
   * so a tail can be traced to the step that makes it.
   */
  byStep: Record<string, number[]>;
  /** Flow name → flows finished without an error. */
  completed: Record<string, number>;
  /** Flow name → ids of some conversations that finished without an error. */
  conversations: Record<string, string[]>;
}

interface Reply {
  key: string | undefined;
  text: string;
  choices: { title: string; value: unknown }[];
}

async function post(url: string, conversationId: string, buyer: string, message: { text: string; value?: unknown }): Promise<{ status: number; replies: Reply[] }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: randomUUID(),
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversationId },
      from: { id: buyer },
      recipient: { id: 'bot' },
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      ...message,
    }),
  });
  if (res.status !== 200) {
    await res.arrayBuffer();
    return { status: res.status, replies: [] };
  }
  const body = (await res.json()) as {
    activities?: { text?: string; channelData?: { replyKey?: string }; suggestedActions?: { actions?: { title?: unknown; value?: unknown }[] } }[];
  };
  return {
    status: res.status,
    replies: (body.activities ?? []).map((a) => ({
      key: a.channelData?.replyKey,
      text: a.text ?? '',
      choices: (a.suggestedActions?.actions ?? []).map((c) => ({ title: String(c.title ?? ''), value: c.value })),
    })),
  };
}

function offered(replies: Reply[], choice: string): { title: string; value: unknown } | undefined {
  for (const r of replies) {
    const hit = r.choices.find((c) => typeof c.value === 'object' && c.value !== null && 'choice' in c.value && c.value.choice === choice);
    if (hit) return hit;
  }
  return undefined;
}

/** What to send for a step, or why it cannot be sent (a quick reply the bot did not offer). */
function message(step: FlowStep, previous: Reply[], echo: boolean): { text: string; value?: unknown } | string {
  if (!step.choice) return { text: step.text };
  const hit = offered(previous, step.choice);
  if (hit) return { text: hit.title, value: hit.value };
  if (echo) return { text: step.text, value: { choice: step.choice } };
  return `quick reply "${step.choice}" not offered after ${previous.map((r) => r.key).join(',') || 'nothing'}`;
}

/** A label link in a reply must open as a PDF on the same server. */
async function checkLabelLink(reply: Reply): Promise<string | undefined> {
  const link = /https?:\/\/\S+?\/labels\/\S+?\.pdf/.exec(reply.text)?.[0];
  if (!link) return `${reply.key} without a label link`;
  const res = await fetch(link);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || bytes.subarray(0, 5).toString() !== '%PDF-') return `label link → ${res.status}`;
  return undefined;
}

export async function drive(url: string, options: DriveOptions): Promise<RunStats> {
  const { buyers, seconds, flows, echo = false, thinkMs = 0, jitter = 0, keepConversations = 200 } = options;
  const stats: RunStats = { turns: 0, errors: 0, errorSamples: [], seconds, latenciesMs: [], byStep: {}, completed: {}, conversations: {} };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const left = () => deadline - performance.now();
  const think = async (first: boolean) => {
    if (thinkMs <= 0) return;
    // The first pause is spread over one think time, so buyers do not all start in the same instant.
    const ms = first ? Math.random() * thinkMs : thinkMs * (1 + jitter * (2 * Math.random() - 1));
    await sleep(Math.max(0, Math.min(ms, left())));
  };
  const fail = (problem: string) => {
    stats.errors++;
    if (stats.errorSamples.length < 8) stats.errorSamples.push(problem);
  };
  let next = 0;
  const buyer = async (n: number) => {
    let first = true;
    while (left() > 0) {
      const flow = flows[next++ % flows.length];
      if (!flow) return;
      const conversationId = `bench-${randomUUID()}`;
      let previous: Reply[] = [];
      let finished = true;
      for (const [index, step] of flow.steps.entries()) {
        if (step.onlyAfter && !step.onlyAfter.test(previous[0]?.key ?? '')) continue;
        await think(first);
        first = false;
        if (left() <= 0) {
          finished = false;
          break;
        }
        const msg = message(step, previous, echo);
        if (typeof msg === 'string') {
          fail(`${flow.name}: ${msg}`);
          finished = false;
          break;
        }
        const t0 = performance.now();
        let problem: string | undefined;
        try {
          const res = await post(url, conversationId, `buyer-${n}`, msg);
          previous = res.replies;
          const key = res.replies[0]?.key;
          if (res.status !== 200) problem = `status ${res.status}`;
          else if (!key) problem = 'no reply';
          else if (!echo && !step.expect.test(key)) problem = `"${msg.text}" → ${res.replies.map((r) => r.key).join(',')}`;
        } catch (err) {
          problem = err instanceof Error ? err.message : String(err);
        }
        const ms = performance.now() - t0;
        stats.latenciesMs.push(ms);
        (stats.byStep[`${flow.kind} ${index + 1}: ${previous[0]?.key ?? 'error'}`] ??= []).push(ms);
        stats.turns++;
        const reply = previous[0];
        if (!problem && !echo && reply?.key?.includes('labelReady')) problem = await checkLabelLink(reply);
        if (problem) {
          fail(`${flow.name}: ${problem}`);
          finished = false;
          break; // the rest of this flow would only cascade
        }
      }
      if (!finished) continue;
      stats.completed[flow.name] = (stats.completed[flow.name] ?? 0) + 1;
      const kept = (stats.conversations[flow.name] ??= []);
      if (kept.length < keepConversations) kept.push(conversationId);
    }
  };
  await Promise.all(Array.from({ length: buyers }, (_, n) => buyer(n)));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;
}

/** Per turn kind: count, p50, p99, max and the share of the whole run's turns over its p99, slowest p99 first. */
function stepTable(s: RunStats, overallP99: number) {
  return Object.entries(s.byStep)
    .map(([step, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return { step, count: ms.length, p50Ms: pct(sorted, 50), p99Ms: pct(sorted, 99), maxMs: Math.round((sorted.at(-1) ?? 0) * 100) / 100, overP99: ms.filter((m) => m > overallP99).length };
    })
    .sort((a, b) => b.p99Ms - a.p99Ms);
}

/** The per-step table as text lines, side by side for several versions (same step order as the first). */
export function stepLines(versions: { name: string; byStep: ReturnType<typeof stepTable> }[]): string[] {
  const first = versions[0];
  if (!first) return [];
  const cell = (row: ReturnType<typeof stepTable>[number] | undefined) =>
    row ? `${String(row.count).padStart(5)} ${row.p50Ms.toFixed(1).padStart(6)} ${row.p99Ms.toFixed(1).padStart(7)} ${String(row.overP99).padStart(5)}` : ' '.repeat(26);
  const width = Math.max(20, ...first.byStep.map((r) => r.step.length));
  const steps = [...first.byStep.map((r) => r.step), ...versions.slice(1).flatMap((v) => v.byStep.map((r) => r.step))].filter((s, i, all) => all.indexOf(s) === i);
  return [
    `${'step (flow n: reply)'.padEnd(width)}  ${versions.map((v) => `${v.name.padEnd(26)}`).join(' | ')}`,
    `${''.padEnd(width)}  ${versions.map(() => `${'count'.padStart(5)} ${'p50'.padStart(6)} ${'p99'.padStart(7)} ${'>p99'.padStart(5)}`).join(' | ')}`,
    ...steps.map((step) => `${step.padEnd(width)}  ${versions.map((v) => cell(v.byStep.find((r) => r.step === step))).join(' | ')}`),
  ];
}

export function summarise(s: RunStats) {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    byStep: stepTable(s, pct(sorted, 99)),
    turns: s.turns,
    turnsPerSecond: Math.round(s.turns / s.seconds),
    p50Ms: pct(sorted, 50),
    p95Ms: pct(sorted, 95),
    p99Ms: pct(sorted, 99),
    maxMs: Math.round((sorted.at(-1) ?? 0) * 100) / 100,
    errors: s.errors,
    errorSamples: s.errorSamples,
    completedFlows: s.completed,
  };
}

/** Several runs against one target as one: counts, time and latencies added up. */
export function combine(runs: readonly RunStats[]): RunStats {
  const out: RunStats = { turns: 0, errors: 0, errorSamples: [], seconds: 0, latenciesMs: [], byStep: {}, completed: {}, conversations: {} };
  for (const run of runs) {
    out.turns += run.turns;
    out.errors += run.errors;
    out.seconds += run.seconds;
    out.errorSamples.push(...run.errorSamples.slice(0, Math.max(0, 8 - out.errorSamples.length)));
    for (const ms of run.latenciesMs) out.latenciesMs.push(ms);
    for (const [step, ms] of Object.entries(run.byStep)) (out.byStep[step] ??= []).push(...ms);
    for (const [flow, n] of Object.entries(run.completed)) out.completed[flow] = (out.completed[flow] ?? 0) + n;
    for (const [flow, ids] of Object.entries(run.conversations)) out.conversations[flow] = [...(out.conversations[flow] ?? []), ...ids];
  }
  return out;
}
