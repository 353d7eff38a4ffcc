/**
 * `tsx bench/turn-profile.ts`: cost of one buyer turn inside the process (no HTTP), split by phase,
 * so the load benchmark's figures can be attributed. Wall and CPU time (process.cpuUsage) per turn:
 * on a shared machine CPU time is the steadier figure. Prints a JSON line last.
 *
 * Options: --turns=N (2000) · --redis: run on a throwaway redis-server (REDIS_URL wiring, limiters
 * on) and also count Redis commands and socket writes per turn and redis-server CPU per turn ·
 * --cpu-prof=FILE: V8 CPU profile of the measured turns only (not start-up or NLU training), saved
 * to FILE, with the functions of most self time printed · --alloc-prof: sampled allocations of the
 * measured turns (collected objects included), bytes per turn by function and by package ·
 * --live-dialogs=N: LIVE_DIALOGS_MAX (0: every turn restores its dialog actors).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { createActor } from 'xstate';
import { loadConfig } from '../src/config.js';
import { createAssistant } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { packRecord, unpackRecord } from '../src/state/conversation-store.js';
import type { RedisCommander } from '../src/state/redis-client.js';
import { startRedisServer } from '../test/support/redis-server.js';

const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const N = Number(option('turns') ?? 2000);
const withRedis = process.argv.includes('--redis');
const profileFile = option('cpu-prof');
const allocProfile = process.argv.includes('--alloc-prof');

const redis = withRedis ? await startRedisServer() : undefined;
const assistant = await createAssistant(
  loadConfig(
    {},
    {
      logLevel: 'silent',
      duplicateWindowMs: 0,
      ...(option('live-dialogs') !== undefined ? { liveDialogsMax: Number(option('live-dialogs')) } : {}),
      // With Redis, the per-conversation limiter runs like in production (never reached here).
      rateLimitConversationPerMinute: redis ? 1000 : 0,
      ...(redis ? { redisUrl: redis.url } : {}),
    },
  ),
  { logger: createLogger('silent'), channels: false },
);
const email = (await assistant.services.orders.findById('112-7051384-2296640'))?.buyerEmail ?? '';
const script = ['hello', 'where is my order 112-7051384-2296640', email, 'thanks'];

/** Counts commands, and socket writes (node-redis writes what was issued before the next setImmediate). */
function countCommands(commander: RedisCommander) {
  const counts = { commands: 0, writes: 0, byCommand: new Map<string, number>() };
  const send = commander.sendCommand.bind(commander);
  let open = false;
  commander.sendCommand = (args, options) => {
    counts.commands++;
    const name = args[0] === 'EVALSHA' || args[0] === 'EVAL' ? `EVALSHA ${String(args[1]).slice(0, 8)}` : String(args[0]);
    counts.byCommand.set(name, (counts.byCommand.get(name) ?? 0) + 1);
    if (!open) {
      open = true;
      counts.writes++;
      setImmediate(() => (open = false));
    }
    return send(args, options);
  };
  return counts;
}

async function redisServerCpuMs(commander: RedisCommander): Promise<() => number> {
  const pid = Number(/process_id:(\d+)/.exec(String(await commander.sendCommand(['INFO', 'server'])))?.[1]);
  return () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in clock ticks of 10 ms
  };
}

const time = async (label: string, fn: () => Promise<unknown> | unknown, n: number) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const per = (performance.now() - t0) / n;
  const cpu = process.cpuUsage(c0);
  const cpuPer = (cpu.user + cpu.system) / 1000 / n;
  console.log(`${label.padEnd(28)} ${per.toFixed(3)} ms wall  ${cpuPer.toFixed(3)} ms CPU`);
  return { wall: per, cpu: cpuPer };
};

let conv = 0;
const oneTurn = async () => {
  const id = `p-${conv++ >> 2}`;
  await assistant.runner.run({ conversationId: id, activityId: `${id}-${conv}`, kind: 'message', text: script[conv % 4] ?? 'hello' });
};
// Warm up the JIT and the caches first: the measured turns are steady-state turns.
for (let i = 0; i < Math.min(N, 1000); i++) await oneTurn();

const commander = assistant.redis?.commander;
const serverCpu = commander ? await redisServerCpuMs(commander) : undefined;
const counts = commander ? countCommands(commander) : undefined;
const session = profileFile || allocProfile ? new Session() : undefined;
if (session) session.connect();
if (session && profileFile) {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
if (session && allocProfile) {
  await session.post('HeapProfiler.enable');
  // Every allocation counts for GC work, also what a scavenge collects at once.
  await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}
const serverCpu0 = serverCpu?.() ?? 0;
const turn = await time('full turn (runner)', oneTurn, N);
const serverCpuPerTurn = serverCpu ? (serverCpu() - serverCpu0) / N : undefined;
if (session && profileFile) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
  printSelfTime(profile);
}
if (session && allocProfile) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  printAllocations(profile.head as AllocationNode, N);
}
const perTurn = counts
  ? {
      redisCommands: counts.commands / N,
      redisWrites: counts.writes / N,
      byCommand: Object.fromEntries([...counts.byCommand].map(([k, v]) => [k, v / N])),
      redisServerCpuMs: serverCpuPerTurn,
    }
  : {};
if (counts) console.log(`redis per turn: ${perTurn.redisCommands} commands in ${perTurn.redisWrites} writes; redis-server ${serverCpuPerTurn?.toFixed(3)} ms CPU`);

const nlu = await time('NLU understand', () => assistant.nlu.understand('where is my order 112-7051384-2296640', 'en'), N);
const { record } = await assistant.store.load('p-3');
const machine = (assistant.runner as unknown as { deps: { machine: Parameters<typeof createActor>[0] } }).deps.machine;
const restore = await time(
  'actor restore+start+stop',
  () => {
    const a = createActor(machine, { input: { conversationId: 'x' }, snapshot: record?.snapshot as never });
    a.start();
    a.getPersistedSnapshot();
    a.stop();
  },
  N,
);
const pack = await time('pack+unpack record', () => unpackRecord({ ...packRecord(record ?? ({} as never)) }), N);
const render = await time('render 2 replies', () => assistant.renderer.render([{ key: 'common:greeting' }, { key: 'track:notShipped', values: { orderId: 'x', earliest: { iso: new Date().toISOString(), style: 'date' }, latest: { iso: new Date().toISOString(), style: 'date' } } }], 'en'), N);
console.log(
  JSON.stringify({
    turns: N,
    redis: withRedis,
    turnMs: turn.wall,
    turnCpuMs: turn.cpu,
    ...perTurn,
    nluMs: nlu.wall,
    actorMs: restore.wall,
    packMs: pack.wall,
    renderMs: render.wall,
  }),
);
await assistant.close();
await redis?.stop();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The 25 functions with the most self time, and the share per package. */
function printSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const dt = profile.timeDeltas?.[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    total += dt;
    const where = frame.url.replace(/^file:\/\/.*?\/(node_modules\/|src\/|dialogs\/)/, '$1');
    const label = `${frame.functionName || '(anonymous)'} ${where}`;
    self.set(label, (self.get(label) ?? 0) + dt);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1] ?? (/\/(src|dialogs)\//.exec(frame.url)?.[1] ?? (frame.url ? 'node' : frame.functionName));
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`-- self time, top 25 (profile saved to ${profileFile})\n${top(self, 25)}\n-- by package\n${top(packages, 12)}`);
}

interface AllocationNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: AllocationNode[];
}

/** Sampled bytes allocated per turn: the 25 functions allocating most, and the share per package. */
function printAllocations(head: AllocationNode, turns: number): void {
  const byFn = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  const walk = (node: AllocationNode) => {
    const frame = node.callFrame;
    total += node.selfSize;
    const where = frame.url.replace(/^file:\/\/.*?\/(node_modules\/|src\/|dialogs\/)/, '$1');
    const label = `${frame.functionName || '(anonymous)'} ${where}`;
    byFn.set(label, (byFn.get(label) ?? 0) + node.selfSize);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1] ?? (/\/(src|dialogs)\//.exec(frame.url)?.[1] ?? (frame.url ? 'node' : frame.functionName));
    packages.set(pkg, (packages.get(pkg) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(head);
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${String(Math.round(v / turns)).padStart(7)} B  ${k}`)
      .join('\n');
  console.log(`-- allocated per turn (sampled): ${Math.round(total / turns)} B\n${top(byFn, 25)}\n-- by package\n${top(packages, 12)}`);
}
