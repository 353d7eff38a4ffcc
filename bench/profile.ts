/**
 * `npx tsx bench/profile.ts`: where a turn's time goes. Serves the assistant like `npm run bench`
 * (bench/load.ts `--serve`) with V8's sampling profiler (after the warm-up), with an event-loop stall and GC monitor, drives
 * a paced phase (what a buyer waits) and a saturating phase (CPU per turn), then prints the
 * heaviest functions and files by self time, the GC pauses and the loop stalls of each phase.
 *
 * Options: --paced-buyers=N (100) --paced-seconds=S (20) --buyers=N (50) --seconds=S (10)
 * --top=N (25) --target=DIR (serve another checkout, e.g. the baseline) --keep (keep the .cpuprofile; its path is printed). Only 127.0.0.1 is contacted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay, performance as nodePerformance, PerformanceObserver } from 'node:perf_hooks';
import { drive, stepLines, summarise } from './driver.js';
import { benchFlows } from './flows.js';

const arg = (name: string, fallback: number): number => {
  const n = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Child side: loop delay histogram, stalls over 10 ms, GC pauses; SIGUSR2 prints them and starts over. */
function monitor(): void {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let gc = { count: 0, ms: 0, maxMs: 0, over10: 0, major: 0, majorMs: 0 };
  const stalls: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      if (e.duration > 10) gc.over10++;
      // kind 1 = scavenge (young generation); the others collect the old generation.
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind !== 1) {
        gc.major++;
        gc.majorMs += e.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 15) stalls.push(now - last - 5);
    last = now;
  }, 5).unref();
  delay.enable();
  // Share of wall time the loop was busy: low with a high p99 means turns wait on I/O or for a core, not on this process.
  let elu = nodePerformance.eventLoopUtilization();
  // The CPU profile covers what follows the warm-up (the first SIGUSR2) until SIGHUP writes it out.
  const session = new Session();
  session.connect();
  let profiling = false;
  process.on('SIGHUP', () =>
    session.post('Profiler.stop', (err, res) => {
      const path = join(process.argv[5] ?? tmpdir(), 'turns.cpuprofile');
      if (!err) writeFileSync(path, JSON.stringify(res.profile));
      // Allocation samples, collected objects included: what each function allocates, not what stays.
      session.post('HeapProfiler.stopSampling', (herr, hres) => {
        if (!herr) writeFileSync(join(process.argv[5] ?? tmpdir(), 'turns.heapprofile'), JSON.stringify(hres.profile));
        process.stdout.write(`${JSON.stringify({ profile: err ? null : path })}\n`);
      });
    }),
  );
  process.on('SIGUSR2', () => {
    if (!profiling) {
      profiling = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      session.post('HeapProfiler.enable', () =>
        session.post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }),
      );
    }
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const sorted = [...stalls].sort((a, b) => b - a);
    process.stdout.write(
      `${JSON.stringify({
        loop: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        stallsOver10Ms: stalls.length,
        worstStallsMs: sorted.slice(0, 8).map((s) => Math.round(s)),
        gc: { ...gc, ms: Math.round(gc.ms), majorMs: Math.round(gc.majorMs), maxMs: Math.round(gc.maxMs * 10) / 10 },
        heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
        loopBusy: Math.round(nodePerformance.eventLoopUtilization(elu).utilization * 100) / 100,
      })}\n`,
    );
    elu = nodePerformance.eventLoopUtilization();
    delay.reset();
    stalls.length = 0;
    gc = { count: 0, ms: 0, maxMs: 0, over10: 0, major: 0, majorMs: 0 };
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per turn, by function and by file (V8's sampling heap profiler, collected objects included). */
function summariseAllocations(path: string, top: number, turns: number): void {
  const { head } = JSON.parse(readFileSync(path, 'utf8')) as { head: HeapNode };
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const walk = (n: HeapNode) => {
    const url = n.callFrame.url.replace('file://', '').replace(root, '.').replace(/.*node_modules\//, 'nm/');
    const file = url.startsWith('nm/') ? url.split('/').slice(0, url.split('/')[1]?.startsWith('@') ? 3 : 2).join('/') : url || '(native)';
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
    total += n.selfSize;
    fns.set(fn, (fns.get(fn) ?? 0) + n.selfSize);
    files.set(file, (files.get(file) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(head);
  const kb = (b: number) => `${Math.round(b / Math.max(1, turns) / 102.4) / 10} KB/turn`;
  console.log(`\nallocations: ${kb(total)} over ${turns} turns`);
  for (const [title, m] of [['files and packages', files], ['functions', fns]] as const) {
    console.log(`\n${title} (allocated)`);
    for (const [k, b] of [...m].sort((a, b2) => b2[1] - a[1]).slice(0, top)) console.log(`${kb(b).padStart(14)}  ${k}`);
  }
}

/** Self time per function and per file from a V8 .cpuprofile (samples × interval). */
function summariseProfile(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const url = f.url.replace('file://', '').replace(root, '.').replace(/.*node_modules\//, 'nm/');
    const file = url === '' ? `(${f.functionName || 'native'})` : url.startsWith('nm/') ? url.split('/').slice(0, url.split('/')[1]?.startsWith('@') ? 3 : 2).join('/') : url;
    fns.set(`${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`, (fns.get(`${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (self time, % of ${Math.round(total / 1000)} ms sampled)`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  show('files and packages', files);
  show('functions', fns);
}

async function main(): Promise<void> {
  const { startRedisServer } = await import('../test/support/redis-server.js');
  const redis = await startRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'cpuprof-'));
  const self = fileURLToPath(import.meta.url);
  const target = process.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length) ?? fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--serve', 'app', redis.url, dir, resolve(target)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const reports: string[] = [];
  let logLines = 0;
  let onReport: (() => void) | undefined;
  const url = await new Promise<string>((ok) =>
    lines.on('line', (line) => {
      logLines++;
      if (logLines <= 3) console.log(`  server said: ${line.slice(0, 300)}`);
      if (!line.startsWith('{')) return;
      const msg = JSON.parse(line) as { url?: string; loop?: unknown; profile?: unknown };
      if (msg.url) ok(msg.url);
      if (msg.loop || msg.profile !== undefined) {
        reports.push(line);
        onReport?.();
      }
    }),
  );
  const ask = (signal: NodeJS.Signals) => new Promise<string>((ok) => ((onReport = () => ok(reports.at(-1) ?? '')), child.kill(signal)));
  const snapshot = () => ask('SIGUSR2');
  let profile: string | undefined;
  let turns = 0;
  const flows = benchFlows();
  try {
    await drive(url, { buyers: 50, seconds: 5, flows });
    await snapshot();
    const pacedBuyers = arg('paced-buyers', 100);
    const paced = summarise(await drive(url, { buyers: pacedBuyers, seconds: arg('paced-seconds', 20), flows, thinkMs: 1000, jitter: 0.3 }));
    console.log(`paced ${pacedBuyers} buyers: p50 ${paced.p50Ms} / p95 ${paced.p95Ms} / p99 ${paced.p99Ms} / max ${paced.maxMs} ms, ${paced.turns} turns, errors ${paced.errors}`);
    for (const line of stepLines([{ name: 'paced', byStep: paced.byStep }])) console.log(`  ${line}`);
    console.log(`  server during paced: ${await snapshot()}`);
    const sat = summarise(await drive(url, { buyers: arg('buyers', 50), seconds: arg('seconds', 10), flows }));
    turns = paced.turns + sat.turns;
    console.log(`saturating: ${sat.turnsPerSecond} turns/s, p99 ${sat.p99Ms} ms, errors ${sat.errors}`);
    console.log(`  server during saturation: ${await snapshot()}`);
    profile = (JSON.parse(await ask('SIGHUP')) as { profile: string | null }).profile ?? undefined;
  } finally {
    console.log(`server stdout lines: ${logLines}`);
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGINT');
    await exited;
    await redis.stop();
  }
  if (profile) summariseProfile(profile, arg('top', 25));
  if (profile) summariseAllocations(profile.replace(/\.cpuprofile$/, '.heapprofile'), arg('top', 25), turns);
  if (process.argv.includes('--keep')) console.log(`\nprofile: ${profile ?? 'none'}`);
  else rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--serve') {
  monitor();
  // The version to serve: this checkout's bench/load.ts, or `--target`'s (e.g. the round's baseline).
  await import(pathToFileURL(resolve(process.argv[6] ?? fileURLToPath(new URL('..', import.meta.url)), 'bench/load.ts')).href);
} else await main();
