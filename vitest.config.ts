import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files that hold a wall-clock figure (a latency budget, a throughput, processes ready in time). They
 * run after the rest, one at a time, so no other test file's CPU counts against them. A new test with
 * such a figure belongs here. (A `--sequence.*` flag on the command line replaces each project's
 * `sequence` settings, this order included: add `--project suite` or `--project timed` to such a run.)
 */
const TIMED = [
  'test/web/widget-shell.e2e.test.ts', // cold click → first bot message within 1 s
  'test/agent-tab/agent-tab.e2e.test.ts', // an agent's reply reaches the widget within 1 s
  'test/scale/bench-flows.test.ts', // every flow completed at least twice in 4 s
  'test/scale/instance-killed.test.ts', // three app processes ready within 20 s, a 2 s lock TTL
  'test/state/conversation-lock.test.ts', // a waiter gets the lock within 2 s
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker process runs file after file with its modules loaded once: importing src/ (botbuilder
    // above all) took ~1.5 s per file, and the real NLU is trained and the demo pre-sales indexes are
    // built once per worker (test/support/nlu.ts, test/support/transcript.ts), not once per file.
    // Test files therefore must not mock modules or leave process-wide state behind; each closes the
    // apps, servers and browsers it starts.
    isolate: false,
    projects: [
      {
        extends: true,
        // One worker per core, not vitest's default of one fewer: on a 2-core CI that default is a
        // single worker, while most files spend much of their time waiting on Chromium, redis-server or HTTP.
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: TIMED, maxWorkers: availableParallelism() },
      },
      { extends: true, test: { name: 'timed', include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
