/**
 * The unanswered-questions log in Redis, so every instance behind a load balancer adds to one list
 * the seller reads: `<prefix>:{presales}:unanswered`, a list of JSON entries, oldest first, capped
 * at the newest `max` (the seller's to-do list, not an archive).
 */
import { assertValidPrefix, prefixKey, type RedisCommander } from '../../state/redis-client.js';
import { parseUnansweredLines, type UnansweredBackend, type UnansweredQuestion } from './unanswered-log.js';

export interface RedisUnansweredStoreOptions {
  prefix?: string;
  /** Entries kept (newest). Default 10 000. */
  max?: number;
}

export class RedisUnansweredStore implements UnansweredBackend {
  private readonly prefix: string;
  private readonly max: number;

  constructor(private readonly redis: RedisCommander, options: RedisUnansweredStoreOptions = {}) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
    this.max = options.max ?? 10_000;
  }

  get key(): string {
    return prefixKey(this.prefix, '{presales}:unanswered');
  }

  async append(entry: UnansweredQuestion): Promise<void> {
    await this.redis.sendCommand(['RPUSH', this.key, JSON.stringify(entry)]);
    await this.redis.sendCommand(['LTRIM', this.key, String(-this.max), '-1']);
  }

  async list(): Promise<UnansweredQuestion[]> {
    const items = await this.redis.sendCommand(['LRANGE', this.key, '0', '-1']);
    return parseUnansweredLines(Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : []);
  }
}
