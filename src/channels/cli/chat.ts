/** `npm run chat`: talk to the assistant in the terminal, through the same bot and turn runner. */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config.js';
import { createAssistant } from '../../app.js';
import { ConsoleAdapter } from './console-adapter.js';

const config = loadConfig(process.env, { logLevel: 'warn' });
const assistant = await createAssistant(config);
const adapter = new ConsoleAdapter((line) => process.stdout.write(`${line}\n`));
const logic = (context: Parameters<typeof assistant.bot.run>[0]) => assistant.bot.run(context);

await adapter.start(logic);
const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ', terminal: process.stdin.isTTY });
rl.prompt();
for await (const line of rl) {
  if (line.trim() === '/quit') break;
  if (line.trim()) await adapter.receive(line, logic);
  rl.prompt();
}
rl.close();
