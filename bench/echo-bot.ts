/**
 * The floor for the load benchmark: a bare botbuilder echo bot (CloudAdapter + ActivityHandler) on
 * the same HTTP stack as the assistant (express app from src/http/server.ts, same body parser and
 * activity guard), so the ratio to it measures what the assistant's own work costs.
 */
import { ActivityHandler, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { HttpCloudAdapter } from '../src/http/bot-adapter.js';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from '../src/http/server.js';

export function createEchoApp(logger: Logger): Express {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity({ type: 'message', text: `echo: ${context.activity.text ?? ''}`, channelData: { replyKey: 'echo' } });
    await next();
  });
  const adapter = new HttpCloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  return createApp({ adapter, bot, logger });
}
