/**
 * Several real assistants (each its own createAssistant + HTTP listener on 127.0.0.1) sharing one
 * real redis-server, as several instances behind a load balancer would, each with the real trained NLU
 * (support/nlu.ts: trained once per test process).
 */
import type { Config } from '../../src/config.js';
import type { Nlu } from '../../src/nlu/types.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import type { Assistant } from '../../src/app.js';
import { testAssistant } from './assistant.js';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';

export interface Instance {
  assistant: Assistant & { logLines: Record<string, unknown>[] };
  running: RunningServer;
  url: string;
}

export interface AppCluster {
  redis: RedisServerHandle;
  instances: Instance[];
  close(): Promise<void>;
}

export async function startAppCluster(count: number, config: Partial<Config> = {}, opts: { nlu?: Nlu } = {}): Promise<AppCluster> {
  const redis = await startRedisServer();
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const assistant = await testAssistant(
      { redisUrl: redis.url, redisKeyPrefix: 'asa', rateLimitIpPerMinute: 0, ...config },
      opts.nlu ? { nlu: opts.nlu } : {},
    );
    const running = await listen(assistant.app, 0, '127.0.0.1');
    assistant.setPublicBaseUrl(running.url);
    instances.push({ assistant, running, url: running.url });
  }
  return {
    redis,
    instances,
    async close() {
      for (const i of instances) {
        await i.running.close();
        await i.assistant.close();
      }
      await redis.stop();
    },
  };
}
