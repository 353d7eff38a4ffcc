/**
 * `npm run bench`: the assistant on loopback with Redis, driven over HTTP by scripted buyers
 * (`deliveryMode: expectReplies`) through full flows on the demo orders in English and Chinese
 * (bench/flows.ts); every step checks the reply key it must get, and a wrong reply is an error.
 *
 * A/B: `--baseline=DIR` serves a second version from another checkout (e.g. `git worktree add
 * /tmp/base main`, or an extracted `git archive`) at the same time, and every phase alternates
 * between the two in rounds: this machine is shared and its speed drifts within minutes, so only
 * figures measured side by side compare. Each version gets its own redis-server.
 *
 * Per version:
 * - CPU per turn at saturation (`--buyers`, no think time, in `--rounds` rounds): the served
 *   process's user + system time from /proc divided by its turns, plus redis-server's (INFO cpu).
 *   CPU time is the steady figure on a shared machine; turns/s is shown but depends on the neighbours.
 * - RSS of the served process at saturation (current and peak).
 * - Latency at a realistic pace: `--paced-buyers` conversations, each buyer thinking `--think-ms`
 *   (± `--jitter`) between messages; p50/p95/p99 there are what a buyer waits (target p99 ≤ 20 ms).
 * - Errors (wrong or missing reply keys, HTTP failures): target 0.
 * - Redis bytes per stored conversation: `--conversations` clones of finished ones, every key with
 *   its TTL (bench/redis-memory.ts); target ≤ 4 KB.
 * - The paced latency by turn kind (`<flow> <step>: <reply key>`: count, p50, p99, turns over the
 *   overall p99), so a tail can be traced to the steps that make it.
 * Human-readable lines first; the last line is JSON.
 *
 * `--together`: the saturation rounds drive every version at the same moment (each with `--buyers`)
 * instead of one after the other, so both share every instant of the neighbours' load: on a busy
 * machine the CPU per turn of the two then moves together (an A/A run shows the remaining noise).
 *
 * Options: --baseline=DIR --target=DIR (the version measured as `this`; default this checkout) --buyers=N (100) --seconds=S (12 per version) --rounds=N (4)
 * --warm-seconds=S (5) --paced-buyers=N (100) --paced-seconds=S (16 per version) --think-ms=MS (1000)
 * --jitter=F (0.3) --conversations=N (10000) --together. Only 127.0.0.1 is contacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { combine, drive, stepLines, summarise, type RunStats } from './driver.js';
import { benchFlows } from './flows.js';
import { measureRedisMemory, type MemoryReport } from './redis-memory.js';

const arg = (name: string, fallback: number): number => {
  const n = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Child mode (`--serve app <redisUrl>`): one assistant on Redis; prints its URL as a JSON line. */
async function serve(redisUrl: string): Promise<void> {
  const { createLogger } = await import('../src/logger.js');
  const { listen } = await import('../src/http/server.js');
  const { loadConfig } = await import('../src/config.js');
  const { createAssistant } = await import('../src/app.js');
  const logger = createLogger('warn');
  const config = loadConfig(
    {},
    {
      port: 0,
      logLevel: 'warn',
      redisUrl,
      // The limiters run (their cost is measured) but one loopback client must not be throttled.
      rateLimitIpPerMinute: 100_000_000,
      rateLimitConversationPerMinute: 1000,
      // A hundred simulated buyers verify the same few demo orders at once: none may be locked out.
      verifyMaxAttempts: 1_000_000,
    },
  );
  const assistant = await createAssistant(config, { logger });
  const running = await listen(assistant.app, 0, '127.0.0.1');
  // Label links in replies must point at this server (the flows open them).
  assistant.setPublicBaseUrl(running.url);
  process.once('SIGINT', () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
}

interface Version {
  name: string;
  child: ChildProcess;
  url: string;
  redis: { url: string; stop(): Promise<void> };
  capacity: RunStats[];
  paced: RunStats[];
  cpu: { served: number; redis: number };
}

/** Starts `<dir>/bench/load.ts --serve` (this checkout or the baseline's) and waits for its URL. */
async function startVersion(name: string, dir: string, redis: Version['redis']): Promise<Version> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(dir, 'bench/load.ts'), '--serve', 'app', redis.url], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const msg = JSON.parse(line) as { url?: string };
      if (msg.url) {
        clearTimeout(timer);
        resolveUrl(msg.url);
      }
    });
  });
  return { name, child, url, redis, capacity: [], paced: [], cpu: { served: 0, redis: 0 } };
}

/** CPU seconds a process has used (user + system), from /proc (clock ticks of 10 ms). */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function redisCpuSeconds(url: string): Promise<number> {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('cpu');
  await client.close();
  const read = (field: string) => Number(new RegExp(`${field}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return read('used_cpu_sys') + read('used_cpu_user');
}

/** Current and peak resident memory of a process, MB. */
function rssMb(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: 0, peak: 0 };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Completed conversations of the runs, per flow. */
function conversationsOf(runs: RunStats[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const run of runs) for (const [flow, ids] of Object.entries(run.conversations)) out[flow] = [...(out[flow] ?? []), ...ids];
  return out;
}

async function main(): Promise<void> {
  const buyers = arg('buyers', 100);
  const seconds = arg('seconds', 12);
  const rounds = Math.round(arg('rounds', 4));
  const warmSeconds = arg('warm-seconds', 5);
  const paced = { buyers: arg('paced-buyers', 100), seconds: arg('paced-seconds', 16), thinkMs: arg('think-ms', 1000), jitter: Math.min(1, arg('jitter', 0.3)) };
  const conversations = arg('conversations', 10_000);
  const baseline = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
  const together = process.argv.includes('--together');
  const flows = benchFlows();
  const { startRedisServer } = await import('../test/support/redis-server.js');
  const target = process.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
  const dirs: [string, string][] = [['this', resolve(target ?? fileURLToPath(new URL('..', import.meta.url)))], ...(baseline ? [['baseline', resolve(baseline)] as [string, string]] : [])];
  const versions: Version[] = [];
  try {
    for (const [name, dir] of dirs) versions.push(await startVersion(name, dir, await startRedisServer()));
    console.log(`versions: ${dirs.map(([n, d]) => `${n}=${d}`).join(', ')}; ${buyers} buyers at saturation, ${rounds} ${together ? 'rounds (versions driven at the same time)' : 'alternating rounds'} of ${seconds / rounds} s; paced ${paced.buyers} buyers, think ${paced.thinkMs} ms`);
    // Warm-up: JIT, NLU caches, the first label, one open connection per buyer.
    for (const v of versions) await drive(v.url, { buyers, seconds: warmSeconds, flows });
    const saturate = async (group: Version[]) => {
      const start = await Promise.all(group.map(async (v) => [processCpuSeconds(v.child.pid), await redisCpuSeconds(v.redis.url)] as const));
      const runs = await Promise.all(group.map((v) => drive(v.url, { buyers, seconds: seconds / rounds, flows })));
      for (const [i, v] of group.entries()) {
        v.capacity.push(runs[i]!);
        v.cpu.served += processCpuSeconds(v.child.pid) - start[i]![0];
        v.cpu.redis += (await redisCpuSeconds(v.redis.url)) - start[i]![1];
      }
    };
    for (let r = 0; r < rounds; r++) {
      if (together) await saturate(versions);
      else for (const v of rounds % 2 === 0 && r % 2 === 1 ? [...versions].reverse() : versions) await saturate([v]);
    }
    const rss = new Map(versions.map((v) => [v.name, rssMb(v.child.pid)]));
    // Paced latency in two alternating halves per version.
    for (let half = 0; half < 2; half++) {
      for (const v of half === 0 ? versions : [...versions].reverse()) v.paced.push(await drive(v.url, { flows, ...paced, seconds: paced.seconds / 2 }));
    }
    for (const v of versions) await stop(v.child);
    const results = [];
    for (const v of versions) {
      const memory: MemoryReport = await measureRedisMemory(v.redis.url, conversationsOf([...v.capacity, ...v.paced]), { conversations });
      const cap = summarise(combine(v.capacity));
      const pac = summarise(combine(v.paced));
      const turns = Math.max(1, cap.turns);
      const cpuMsPerTurn = { served: Math.round((v.cpu.served * 1e6) / turns) / 1000, redis: Math.round((v.cpu.redis * 1e6) / turns) / 1000 };
      results.push({ version: v.name, cpuMsPerTurn, capacity: cap, paced: pac, rssMb: rss.get(v.name), redisBytesPerConversation: memory.bytesPerConversation, memory });
    }
    for (const r of results) {
      console.log(
        `${r.version.padEnd(9)} CPU/turn ${r.cpuMsPerTurn.served} ms (+ redis ${r.cpuMsPerTurn.redis} ms); ${r.capacity.turnsPerSecond} turns/s, errors ${r.capacity.errors}/${r.capacity.turns}; ` +
          `paced p50 ${r.paced.p50Ms} / p95 ${r.paced.p95Ms} / p99 ${r.paced.p99Ms} ms, errors ${r.paced.errors}/${r.paced.turns}; RSS ${r.rssMb?.rss} MB (peak ${r.rssMb?.peak}); ` +
          `Redis ${r.redisBytesPerConversation} B/conversation (record ${r.memory.byKindMb.record} MB, transcript ${r.memory.byKindMb.transcript} MB per ${r.memory.conversations})`,
      );
      for (const s of [...r.capacity.errorSamples, ...r.paced.errorSamples].slice(0, 3)) console.log(`  error sample: ${s}`);
    }
    // What makes the tail: paced latency by turn kind (">p99": turns slower than that version's overall p99).
    console.log('\npaced latency by step (ms)');
    for (const line of stepLines(results.map((r) => ({ name: r.version, byStep: r.paced.byStep })))) console.log(`  ${line}`);
    const [self, base] = results;
    if (self && base) {
      const pct = (a: number, b: number) => `${Math.round(((a - b) / Math.max(1e-9, b)) * 1000) / 10}%`;
      console.log(`this vs baseline: CPU/turn ${pct(self.cpuMsPerTurn.served, base.cpuMsPerTurn.served)}, bytes/conversation ${pct(self.redisBytesPerConversation, base.redisBytesPerConversation)}`);
    }
    const targets = Object.fromEntries(
      results.map((r) => [r.version, { pacedP99: r.paced.p99Ms <= 20, zeroErrors: r.capacity.errors === 0 && r.paced.errors === 0 && r.capacity.turns > 0, bytesPerConversation: r.redisBytesPerConversation <= 4096 }]),
    );
    console.log(JSON.stringify({ buyers, rounds, paced, results: results.map(({ memory: _m, capacity: { byStep: _s, ...capacity }, ...r }) => ({ ...r, capacity })), targets }));
  } finally {
    for (const v of versions) {
      await stop(v.child);
      await v.redis.stop();
    }
  }
}

// `--serve app <redisUrl>`: the same arguments older versions of this file take, so a baseline serves too.
if (process.argv[2] === '--serve') await serve(process.argv[4] ?? '');
else await main();
