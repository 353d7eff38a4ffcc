/** `npm start`: the assistant on its embedded defaults (memory storage, demo orders, no network). */
import { loadConfig } from './config.js';
import { createAssistant } from './app.js';
import { listen } from './http/server.js';

const config = loadConfig();
const assistant = await createAssistant(config);
const running = await listen(assistant.app, config.port, config.host);
assistant.setPublicBaseUrl(running.url);
assistant.attach(running.server);
assistant.logger.info(
  { url: running.url, storage: config.redisUrl ? 'redis' : config.dataDir ? 'file' : 'memory' },
  'after-sales assistant listening: demo store at / , bot at /api/messages',
);

const shutdown = (signal: string) => {
  assistant.logger.info({ signal }, 'shutting down');
  running
    .close()
    .then(() => assistant.close())
    .then(() => process.exit(0))
    .catch(() => process.exit(1));
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
