/** The terminal chat: reads lines, runs each through the same bot and turn runner as every channel. */
import { createInterface } from 'node:readline';
import type { TurnContext } from 'botbuilder';
import { ConsoleAdapter } from './console-adapter.js';

/** Runs until stdin ends or the buyer types `/quit`. `bot` is the assistant's activity handler. */
export async function runChat(bot: { run(context: TurnContext): Promise<void> }): Promise<void> {
  const adapter = new ConsoleAdapter((line) => process.stdout.write(`${line}\n`));
  const logic = (context: TurnContext) => bot.run(context);
  await adapter.start(logic);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ', terminal: process.stdin.isTTY });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '/quit') break;
    if (line.trim()) await adapter.receive(line, logic);
    rl.prompt();
  }
  rl.close();
}
