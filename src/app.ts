/**
 * Composition root: builds every piece from the typed config. `main.ts` only adds listening and
 * signal handling, so tests build the same application in-process.
 */
import { randomBytes } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { AnyStateMachine } from 'xstate';
import type { Logger } from 'pino';
import type { Express } from 'express';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { createI18n } from './i18n/index.js';
import { createRenderer } from './bot/render.js';
import { TurnRunner } from './bot/turn-runner.js';
import { AfterSalesBot } from './bot/bot.js';
import { createApp } from './http/server.js';
import type { Nlu } from './nlu/types.js';
import { MemoryStorage, type Storage } from './state/storage.js';
import { FileStorage } from './state/file-storage.js';
import { createConversationStore } from './state/conversation-store.js';
import { MemoryTranscriptStore, type TranscriptStore } from './state/transcript-store.js';
import { rootMachine } from '../dialogs/root.machine.js';

export interface AssistantOverrides {
  logger?: Logger;
  storage?: Storage;
  transcripts?: TranscriptStore;
  nlu?: Nlu;
  clock?: () => Date;
  machine?: AnyStateMachine;
  /** Extra routes (tests mount channels under construction here), given the built parts. */
  mount?: (app: Express, parts: MountParts) => void;
}

export interface MountParts {
  bot: AfterSalesBot;
  runner: TurnRunner;
  logger: Logger;
  transcripts: TranscriptStore;
  renderer: ReturnType<typeof createRenderer>;
}

export async function createAssistant(config: Config, overrides: AssistantOverrides = {}) {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const storage = overrides.storage ?? (config.dataDir ? new FileStorage(`${config.dataDir}/state`) : new MemoryStorage());
  const transcripts = overrides.transcripts ?? new MemoryTranscriptStore();
  const nlu = overrides.nlu ?? (await loadNlu(overrides.clock));
  const i18n = await createI18n();
  const renderer = createRenderer(i18n);
  const store = createConversationStore(storage);
  const machine = overrides.machine ?? rootMachine;
  const runner = new TurnRunner({
    machine,
    store,
    transcripts,
    nlu,
    renderer,
    logger,
    turnTimeoutMs: config.turnTimeoutMs,
    maxMessageChars: config.maxMessageChars,
    ...(overrides.clock ? { clock: overrides.clock } : {}),
  });
  const bot = new AfterSalesBot(runner);
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    ...(config.microsoftAppTenantId ? { MicrosoftAppTenantId: config.microsoftAppTenantId } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when sending itself failed (the turn runner answers its own errors).
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
  };
  const app = createApp({
    adapter,
    bot,
    logger,
    maxBodyBytes: 256 * 1024,
    mount: (express) => overrides.mount?.(express, { bot, runner, logger, transcripts, renderer }),
  });
  const secrets = {
    labelSecret: config.labelSecret ?? randomBytes(32).toString('hex'),
    buyerTokenSecret: config.buyerTokenSecret,
  };
  return { config, logger, storage, transcripts, store, nlu, i18n, renderer, runner, bot, adapter, app, secrets };
}

export type Assistant = Awaited<ReturnType<typeof createAssistant>>;

async function loadNlu(clock?: () => Date): Promise<Nlu> {
  const { createNlu } = await import('./nlu/index.js');
  return createNlu(clock ? { now: clock } : {});
}
