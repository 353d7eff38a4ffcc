/** The desk's closed-ticket history on Redis (one list every instance shares). */
import { assertValidPrefix, LuaScript, prefixKey, redisCall, type RedisCommander } from '../../state/redis-client.js';
import { HISTORY_MAX, type TicketHistory } from './ticket-history.js';

/** Remove, push to the front, trim: atomic, so concurrent adds keep the list bounded and unique. */
const ADD = new LuaScript("redis.call('LREM', KEYS[1], 0, ARGV[1]); redis.call('LPUSH', KEYS[1], ARGV[1]); redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1); return 1");

export class RedisTicketHistory implements TicketHistory {
  private readonly key: string;

  constructor(
    private readonly redis: RedisCommander,
    options: { prefix?: string } = {},
  ) {
    const prefix = options.prefix ?? '';
    assertValidPrefix(prefix);
    this.key = prefixKey(prefix, 'agent-desk:history');
  }

  async add(ticketId: string): Promise<void> {
    await redisCall('ticket history add', () => ADD.run(this.redis, [this.key], [ticketId, String(HISTORY_MAX)]));
  }

  async recent(limit: number): Promise<string[]> {
    const raw = await redisCall('ticket history list', () => this.redis.sendCommand(['LRANGE', this.key, '0', String(Math.max(0, limit - 1))]));
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  }
}
