/** `npm run chat`: the terminal's composition root (the CLI channel itself knows nothing of the app). */
import { loadConfig } from './config.js';
import { createAssistant } from './app.js';
import { runChat } from './channels/cli/chat.js';

const config = loadConfig(process.env, { logLevel: 'warn' });
const assistant = await createAssistant(config);
await runChat(assistant.bot);
