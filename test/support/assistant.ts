/**
 * Builds the real application in-process for tests (real adapter, real i18n, real machines). Without
 * an `nlu` override it understands with the real trained NLU, trained once per test process.
 */
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.js';
import { createAssistant, type AssistantOverrides } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { trainedNlu } from './nlu.js';

/** A logger that keeps its JSON lines for assertions instead of printing them. */
export function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

export async function testAssistant(config: Partial<Config> = {}, overrides: AssistantOverrides = {}) {
  const { logger, lines } = memoryLogger();
  const nlu = overrides.nlu ?? (await trainedNlu(overrides.clock));
  const assistant = await createAssistant(loadConfig({}, { port: 0, logLevel: 'info', ...config }), { logger, ...overrides, nlu });
  return { ...assistant, logLines: lines };
}
