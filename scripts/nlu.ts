/**
 * Line-oriented NLU for shell use and for checking the model by hand:
 *   printf 'where is my order\n我要退货\n' | npm run --silent nlu
 * One JSON object per input line on stdout and nothing else (diagnostics go to stderr).
 */
import { createInterface } from 'node:readline';
import { detectLanguage } from '../src/nlu/language.js';
import { createNlu } from '../src/nlu/index.js';
import type { Lang } from '../src/nlu/types.js';

async function main(): Promise<void> {
  const nlu = await createNlu();
  let lang: Lang = 'en';
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    lang = detectLanguage(text, lang);
    const r = await nlu.understand(text, lang);
    const out = {
      text: r.text,
      lang: r.lang,
      intent: r.intent,
      score: r.score,
      entities: r.entities.map((e) => ({ type: e.type, value: e.value })),
      ...(r.alternative ? { alternative: r.alternative } : {}),
      ...(r.faq ? { faq: r.faq } : {}),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`nlu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
