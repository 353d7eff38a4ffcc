/**
 * The real assistant (real bot, turn runner, i18n, machines) with the web channels mounted through
 * the composition root's `mount` hook, listening on 127.0.0.1 with the WebSocket stream attached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import type { AssistantOverrides } from '../../src/app.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { mountWebChannels, type WebChannelOptions, type WebChannels } from '../../src/channels/web.js';
import type { HitLimiter } from '../../src/channels/direct-line/direct-line-channel.js';
import { testAssistant } from '../support/assistant.js';

export interface WebServerOptions {
  config?: Partial<Config>;
  overrides?: AssistantOverrides;
  web?: WebChannelOptions;
  rateLimiter?: HitLimiter;
  now?: () => Date;
  /** Leave the WebSocket stream off (clients then poll). */
  noStream?: boolean;
  /** Listen on this port (e.g. one the config's publicBaseUrl names); a free one when absent. */
  port?: number;
  /** Extra pages on the same server (e.g. a shop page embedding the widget differently). */
  pages?: Record<string, string>;
}

export interface WebServer {
  url: string;
  running: RunningServer;
  channels: WebChannels;
  assistant: Awaited<ReturnType<typeof testAssistant>>;
  uploadDir: string;
  close(): Promise<void>;
}

/** A port that was free a moment ago (for a server whose public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'asa-uploads-'));
  let channels: WebChannels | undefined;
  const assistant = await testAssistant(options.config ?? {}, {
    ...options.overrides,
    // This harness mounts the web channels itself (its own options), so the built-in ones stay off.
    channels: false,
    mount: (app, parts) => {
      for (const [path, html] of Object.entries(options.pages ?? {})) app.get(path, (_req, res) => void res.type('html').send(html));
      channels = mountWebChannels(app, {
        bot: parts.bot,
        logger: parts.logger,
        renderer: parts.renderer,
        options: { uploadDir, ...options.web },
        ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
    },
  });
  if (!channels) throw new Error('the mount hook did not run');
  const mounted = channels;
  const running = await listen(assistant.app, options.port ?? 0, '127.0.0.1');
  if (!options.noStream) mounted.attach(running.server);
  return {
    url: running.url,
    running,
    channels: mounted,
    assistant,
    uploadDir,
    async close() {
      await mounted.close();
      await running.close();
      await assistant.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
