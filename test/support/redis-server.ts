/**
 * A real `redis-server` (Debian package) for tests: loopback only, a free port, no persistence, a
 * throwaway directory. `restart()` keeps the port so fault tests can take Redis away and bring it
 * back under a connected client. The process is killed on `stop()` and, as a safety net, when the
 * test process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisClient, type RedisConnection } from '../../src/state/redis-client.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RedisServerHandle {
  readonly url: string;
  readonly port: number;
  /** Kill the server (SIGKILL: an outage, not a graceful shutdown). Safe to call twice. */
  stop(): Promise<void>;
  /** Start it again on the same port, empty (nothing is persisted). */
  restart(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing is answered (a hung server). */
  freeze(): void;
  /** SIGCONT after `freeze()`. */
  thaw(): void;
}

export interface RedisServerOptions {
  /** Extra command-line options, e.g. `['--cluster-enabled', 'yes']`. */
  args?: string[];
}

const BINARY = 'redis-server';

function assertInstalled(): void {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return;
  // Tests that need Redis must never be skipped silently: in CI that would hide a broken pipeline.
  const where = process.env.CI ? 'CI must install it (.ci/run: apt-get install -y redis-server)' : 'install it with `apt-get install redis-server`';
  throw new Error(`redis-server not found (${probe.error?.message ?? `exit ${String(probe.status)}`}): ${where}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not get a free port');
  return address.port;
}

/** One raw PING over TCP; true when the server answers +PONG. */
function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let data = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      if (data.includes('\r\n')) done(data.startsWith('+PONG'));
    });
  });
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  assertInstalled();
  const port = await freePort();
  let child: ChildProcess | undefined;
  let dir: string | undefined;

  const launch = async (): Promise<void> => {
    dir = await mkdtemp(join(tmpdir(), 'redis-test-'));
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(options.args ?? [])];
    const proc = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    live.add(proc);
    let output = '';
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    proc.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    let exited = false;
    proc.once('exit', () => {
      exited = true;
      live.delete(proc);
    });
    const deadline = Date.now() + 10_000;
    while (!(await pingOnce(port))) {
      if (exited) throw new Error(`redis-server exited during start on port ${port}:\n${output}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not answer PING on port ${port} within 10 s:\n${output}`);
      }
      await sleep(25);
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGKILL');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
  };
}

/** A real redis-server and two connections to it (two app instances sharing one Redis). */
export interface RedisPair {
  server: RedisServerHandle;
  a: RedisConnection;
  b: RedisConnection;
  close(): Promise<void>;
}

export async function startRedisPair(): Promise<RedisPair> {
  const server = await startRedisServer();
  const a = createRedisClient(server.url);
  const b = createRedisClient(server.url);
  await Promise.all([a.connect(), b.connect()]);
  return {
    server,
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await server.stop();
    },
  };
}
