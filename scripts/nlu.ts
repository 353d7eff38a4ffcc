/**
 * Line-oriented NLU for shell use and for checking the model by hand:
 *   printf 'where is my order\n我要退货\n' | npm run --silent nlu
 * Exactly one JSON object per input line, in input order, so a caller can zip input and output:
 *   {"text","lang","intent","score","entities":[{"type","value"}]}
 * `text` is the line as read (without its line ending); a blank line still gets an object (intent
 * `none`). A line with no letters keeps the previous line's language. Nothing else goes to stdout
 * (diagnostics go to stderr).
 */
import { createInterface } from 'node:readline';
import { detectLanguage } from '../src/nlu/language.js';
import { createNlu } from '../src/nlu/index.js';
import type { Entity, Intent } from '../src/nlu/types.js';
import type { Lang } from '../src/domain/lang.js';

/** The CLI contract: these keys, in this order, and nothing more. */
interface CliLine {
  text: string;
  lang: Lang;
  intent: Intent;
  score: number;
  entities: Array<Pick<Entity, 'type' | 'value'>>;
}

async function main(): Promise<void> {
  const nlu = await createNlu();
  let lang: Lang = 'en';
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lang = detectLanguage(line, lang);
    const r = nlu.understandSync(line, lang);
    const out: CliLine = {
      text: line,
      lang: r.lang,
      intent: r.intent,
      score: r.score,
      entities: r.entities.map((e) => ({ type: e.type, value: e.value })),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`nlu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
