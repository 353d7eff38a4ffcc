/**
 * `npm run bench`: load test on loopback. Starts a real redis-server, then the assistant (with
 * REDIS_URL) in a child process, and drives N concurrent buyers (default 100) through full scripted
 * flows over HTTP (`deliveryMode: expectReplies`): greet, ask where an order is, verify by email,
 * thank. Then the same drive against a bare botbuilder echo bot on the same HTTP stack, the floor.
 * Finally measures Redis memory for 100k stored conversations cloned from the records the run wrote.
 * Human-readable lines first; the last line is JSON.
 *
 * Options: --buyers=N (100) --seconds=S (10 per target) --conversations=N (100000) --profile
 * (CPU profile of the assistant process; prints the functions with the most self time).
 * Bounded in count and time; only 127.0.0.1 is contacted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const SELF = fileURLToPath(import.meta.url);
const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = hit ? Number(hit.split('=')[1]) : fallback;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

// ---------------------------------------------------------------------------------------------
// Child mode: serve one target and print its URL.
// ---------------------------------------------------------------------------------------------
async function serve(target: string, redisUrl: string): Promise<void> {
  const { createLogger } = await import('../src/logger.js');
  const { listen } = await import('../src/http/server.js');
  const logger = createLogger('warn');
  let app;
  if (target === 'echo') {
    const { createEchoApp } = await import('./echo-bot.js');
    app = createEchoApp(logger);
  } else {
    const { loadConfig } = await import('../src/config.js');
    const { createAssistant } = await import('../src/app.js');
    const config = loadConfig(
      {},
      {
        port: 0,
        logLevel: 'warn',
        redisUrl,
        // The limiters run (their cost is measured) but one loopback client must not be throttled.
        rateLimitIpPerMinute: 100_000_000,
        rateLimitConversationPerMinute: 1000,
      },
    );
    const assistant = await createAssistant(config, { logger });
    app = assistant.app;
  }
  const running = await listen(app, 0, '127.0.0.1');
  // A normal exit lets --cpu-prof write its profile.
  process.once('SIGINT', () => process.exit(0));
  process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent mode.
// ---------------------------------------------------------------------------------------------
interface Target {
  child: ChildProcess;
  url: string;
}

async function startTarget(target: string, redisUrl: string, profileDir?: string): Promise<Target> {
  const args = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), SELF, '--serve', target, redisUrl];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target} did not start within 60 s`)), 60_000);
    child.once('exit', (code) => reject(new Error(`${target} exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { url?: string };
        if (msg.url) {
          clearTimeout(timer);
          resolve(msg.url);
        }
      } catch {
        // not ours
      }
    });
  });
  return { child, url };
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

const ORDERS = [
  { id: '112-7051384-2296640', email: 'marcus.johnson@example.net' },
  { id: '141-6613950-8127734', email: 'wang.fang@example.cn' },
  { id: '114-3308271-9054416', email: 'sofia.martinez@example.org' },
  { id: '131-9471620-3365108', email: 'lukas.schneider@example.de' },
];

interface Step {
  text: string;
  /** Reply key prefix the step must produce (echo: any). */
  expect?: RegExp;
}

function flow(n: number): Step[] {
  const order = ORDERS[n % ORDERS.length]!;
  return [
    { text: 'hello', expect: /^common:greeting$/ },
    { text: `Where is my order ${order.id}?`, expect: /^verify:askDetail$/ },
    { text: order.email, expect: /^track:/ },
    { text: 'thank you', expect: /^common:thanks$|^track:/ },
  ];
}

interface RunStats {
  turns: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  latenciesMs: number[];
}

async function drive(url: string, buyers: number, seconds: number, echo: boolean): Promise<RunStats> {
  const stats: RunStats = { turns: 0, errors: 0, errorSamples: [], seconds, latenciesMs: [] };
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let flowNo = 0;
  const buyer = async () => {
    while (performance.now() < deadline) {
      const conversationId = `bench-${randomUUID()}`;
      for (const step of flow(flowNo++)) {
        if (performance.now() >= deadline) break;
        const t0 = performance.now();
        let problem: string | undefined;
        try {
          const res = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'message',
              id: randomUUID(),
              channelId: 'test',
              serviceUrl: 'http://127.0.0.1:9/',
              conversation: { id: conversationId },
              from: { id: 'buyer' },
              recipient: { id: 'bot' },
              deliveryMode: 'expectReplies',
              text: step.text,
            }),
          });
          const body = (await res.json()) as { activities?: { channelData?: { replyKey?: string } }[] };
          const key = body.activities?.[0]?.channelData?.replyKey;
          if (res.status !== 200) problem = `status ${res.status}`;
          else if (!key) problem = 'no reply';
          else if (!echo && step.expect && !step.expect.test(key)) problem = `"${step.text}" → ${key}`;
        } catch (err) {
          problem = err instanceof Error ? err.message : String(err);
        }
        stats.latenciesMs.push(performance.now() - t0);
        stats.turns++;
        if (problem) {
          stats.errors++;
          if (stats.errorSamples.length < 5) stats.errorSamples.push(problem);
          break; // the rest of this flow would only cascade
        }
      }
    }
  };
  await Promise.all(Array.from({ length: buyers }, buyer));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
}

function summarise(s: RunStats) {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    turns: s.turns,
    turnsPerSecond: Math.round(s.turns / s.seconds),
    p50Ms: pct(sorted, 50),
    p95Ms: pct(sorted, 95),
    p99Ms: pct(sorted, 99),
    errors: s.errors,
    errorSamples: s.errorSamples,
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Top self-time functions of the first .cpuprofile in `dir`. */
function profileSummary(dir: string, top = 15): { fn: string; selfPct: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  };
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    total += hits;
    const where = n.callFrame.url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'nm/' : ''));
    const name = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
    byFn.set(name, (byFn.get(name) ?? 0) + hits);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, hits]) => ({ fn, selfPct: Math.round((hits / Math.max(1, total)) * 1000) / 10 }));
}

async function redisMemory(redisUrl: string, conversations: number) {
  const { createRedisClient } = await import('../src/state/redis-client.js');
  const conn = createRedisClient(redisUrl, undefined, { commandTimeoutMs: 10_000 });
  await conn.connect();
  const c = conn.commander;
  // Real records the load run wrote: the templates for the clones.
  const samples: string[] = [];
  let cursor = '0';
  do {
    const reply = await c.sendCommand(['SCAN', cursor, 'MATCH', 'asa:{conv:*}:record', 'COUNT', '1000']);
    if (!Array.isArray(reply)) break;
    cursor = String(reply[0]);
    const keys = Array.isArray(reply[1]) ? reply[1].filter((k): k is string => typeof k === 'string') : [];
    const values = await Promise.all(keys.map((k) => c.sendCommand(['GET', k])));
    for (const v of values) if (typeof v === 'string') samples.push(v);
  } while (cursor !== '0' && samples.length < 2000);
  await c.sendCommand(['FLUSHALL']);
  const used = async () => {
    const info = String(await c.sendCommand(['INFO', 'memory']));
    return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  };
  const before = await used();
  const ttlMs = String(30 * 24 * 60 * 60 * 1000);
  const started = performance.now();
  for (let i = 0; i < conversations; i += 1000) {
    const batch: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(conversations, i + 1000); j++) {
      const value = samples[j % samples.length] ?? '';
      batch.push(c.sendCommand(['SET', `asa:{conv:mem-${j}-${randomUUID()}}:record`, value, 'PX', ttlMs]));
    }
    await Promise.all(batch);
    if (performance.now() - started > 120_000) throw new Error('memory fill took over 2 minutes');
  }
  const after = await used();
  const avgBytes = samples.reduce((n, s) => n + Buffer.byteLength(s), 0) / Math.max(1, samples.length);
  await conn.close();
  return {
    conversations,
    sampleRecords: samples.length,
    avgRecordBytes: Math.round(avgBytes),
    usedMemoryMb: Math.round(((after - before) / 1024 / 1024) * 10) / 10,
    bytesPerConversation: Math.round((after - before) / conversations),
  };
}

async function main(): Promise<void> {
  const buyers = arg('buyers', 100);
  const seconds = arg('seconds', 10);
  const conversations = arg('conversations', 100_000);
  const profile = process.argv.includes('--profile');
  const { startRedisServer } = await import('../test/support/redis-server.js');
  const redis = await startRedisServer();
  const profileDir = profile ? mkdtempSync(join(tmpdir(), 'asa-prof-')) : undefined;
  try {
    console.log(`buyers ${buyers}, ${seconds} s per target, redis ${redis.url}`);
    const app = await startTarget('app', redis.url, profileDir);
    await drive(app.url, Math.min(buyers, 20), 2, false); // warm-up: JIT, NLU caches, connections
    const appRun = await drive(app.url, buyers, seconds, false);
    const appRss = rssMb(app.child.pid);
    await stop(app.child);

    const memory = await redisMemory(redis.url, conversations);

    const echo = await startTarget('echo', redis.url);
    await drive(echo.url, Math.min(buyers, 20), 2, true);
    const echoRun = await drive(echo.url, buyers, seconds, true);
    const echoRss = rssMb(echo.child.pid);
    await stop(echo.child);

    const a = summarise(appRun);
    const e = summarise(echoRun);
    const ratio = Math.round((a.turnsPerSecond / Math.max(1, e.turnsPerSecond)) * 100) / 100;
    console.log(`assistant+redis: ${a.turnsPerSecond} turns/s, p50 ${a.p50Ms} ms, p95 ${a.p95Ms} ms, p99 ${a.p99Ms} ms, errors ${a.errors}/${a.turns}, RSS ${appRss} MB`);
    if (a.errorSamples.length) console.log(`  error samples: ${a.errorSamples.join(' | ')}`);
    console.log(`echo floor:      ${e.turnsPerSecond} turns/s, p50 ${e.p50Ms} ms, p95 ${e.p95Ms} ms, p99 ${e.p99Ms} ms, errors ${e.errors}/${e.turns}, RSS ${echoRss} MB`);
    console.log(`ratio to floor:  ${ratio}`);
    console.log(
      `redis memory:    ${memory.conversations} conversations (cloned from ${memory.sampleRecords} real records, avg ${memory.avgRecordBytes} B) = ${memory.usedMemoryMb} MB (${memory.bytesPerConversation} B each)`,
    );
    const prof = profileDir ? profileSummary(profileDir) : [];
    if (prof.length) {
      console.log('assistant CPU profile, top self time:');
      for (const p of prof) console.log(`  ${String(p.selfPct).padStart(5)}%  ${p.fn}`);
    }
    const targets = {
      turnsPerSecond: a.turnsPerSecond >= 1500,
      ratioToEcho: ratio >= 0.6,
      p99: a.p99Ms <= 50,
      zeroErrors: a.errors === 0,
      redisMemory: memory.usedMemoryMb <= 150,
    };
    console.log(JSON.stringify({ buyers, seconds, assistant: { ...a, rssMb: appRss }, echo: { ...e, rssMb: echoRss }, ratio, redisMemory: memory, targets, ...(prof.length ? { profile: prof } : {}) }));
  } finally {
    await redis.stop();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? 'app', process.argv[4] ?? '');
} else {
  await main();
}
