/**
 * The real trained NLU for tests, trained once per test process: training is the slow part of an
 * app's start, and the engine keeps no conversation state. Each caller gets its own `Nlu` object (a
 * spy on one app's NLU stays on that app) reading relative dates ("yesterday") on its own clock, as
 * an engine trained for that caller would.
 */
import { expect, it } from 'vitest';
import { createNlu, type NluEngine } from '../../src/nlu/index.js';
import type { Nlu } from '../../src/nlu/types.js';

let engine: ReturnType<typeof createNlu> | undefined;
/** The clock of the caller being understood right now (the engine reads it synchronously). */
let now: () => Date = () => new Date();

export async function trainedNlu(clock: () => Date = () => new Date()): Promise<Nlu> {
  engine ??= createNlu({ now: () => now() });
  const trained = await engine;
  return {
    understand(text, lang) {
      now = clock;
      // understandSync reads the clock before it returns: no other caller's turn runs in between.
      return Promise.resolve(trained.understandSync(text, lang));
    },
  };
}

const atMoment = new Map<string, Promise<NluEngine>>();
/**
 * The engine itself (the NLU's own tests read its classifier and FAQ too) with relative dates read at
 * the fixed `moment`, trained once per process for that moment.
 */
export function nluEngineAt(moment: string): Promise<NluEngine> {
  let engineAt = atMoment.get(moment);
  if (!engineAt) {
    engineAt = createNlu({ now: () => new Date(moment) });
    atMoment.set(moment, engineAt);
  }
  return engineAt;
}

/**
 * One test per case: the engine at `moment` reads `text` in `lang` as `intent` (the NLU family tests' table form).
 */
export function itReads(moment: string, cases: ReadonlyArray<readonly [string, 'en' | 'zh', string]>): void {
  it.each(cases)('%s → %s', async (text, lang, intent) => {
    expect((await nluEngineAt(moment)).understandSync(text, lang).intent).toBe(intent);
  });
}
