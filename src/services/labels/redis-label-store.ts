/**
 * Label PDFs in Redis, so a link made on one instance opens on any other. One string per RMA
 * (`<prefix>:{label:<rma>}:pdf`, base64: the shared commander speaks text), living as long as the
 * newest link to it: every new link pushes the expiry out to that link's own expiry.
 *
 * With no `LABEL_SECRET` configured, the link-signing key is shared through Redis as well
 * (`<prefix>:labels:secret`, created once by whichever instance asks first), so links verify on
 * every instance. Whoever can read Redis could forge links with it; they can read the PDFs anyway.
 */
import { randomBytes } from 'node:crypto';
import { assertValidPrefix, LuaScript, prefixKey, type RedisCommander } from '../../state/redis-client.js';
import type { LabelStore } from './label-store.js';

// Extend, never shorten: an older link may have been made with a longer TTL.
const TOUCH = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'GT')
return 1
`);

export interface RedisLabelStoreOptions {
  prefix?: string;
}

export class RedisLabelStore implements LabelStore {
  private readonly prefix: string;
  private secret: Promise<string> | undefined;

  constructor(
    private readonly redis: RedisCommander,
    options: RedisLabelStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? '';
    assertValidPrefix(this.prefix);
  }

  key(rma: string): string {
    return prefixKey(this.prefix, `{label:${rma}}:pdf`);
  }

  async touch(rma: string, ttlMs: number): Promise<boolean> {
    return (await TOUCH.run(this.redis, [this.key(rma)], [String(Math.max(1, Math.round(ttlMs)))])) === 1;
  }

  async putIfAbsent(rma: string, pdf: Buffer, ttlMs: number): Promise<void> {
    const key = this.key(rma);
    const ttl = String(Math.max(1, Math.round(ttlMs)));
    const set = await this.redis.sendCommand(['SET', key, pdf.toString('base64'), 'PX', ttl, 'NX']);
    // Someone else stored it meanwhile: theirs stays, and lives at least as long as our link.
    if (set !== 'OK') await this.redis.sendCommand(['PEXPIRE', key, ttl, 'GT']);
  }

  async get(rma: string): Promise<Buffer | undefined> {
    const value = await this.redis.sendCommand(['GET', this.key(rma)]);
    return typeof value === 'string' && value !== '' ? Buffer.from(value, 'base64') : undefined;
  }

  /**
   * The deployment's link-signing key: the first instance to ask stores a random one (`SET NX GET`),
   * every other gets that one. Cached once read; a failed read is retried on the next call.
   */
  sharedSecret(): Promise<string> {
    this.secret ??= (async () => {
      const candidate = randomBytes(32).toString('base64url');
      const previous = await this.redis.sendCommand(['SET', prefixKey(this.prefix, 'labels:secret'), candidate, 'NX', 'GET']);
      return typeof previous === 'string' ? previous : candidate;
    })();
    const pending = this.secret;
    pending.catch(() => {
      if (this.secret === pending) this.secret = undefined;
    });
    return pending;
  }
}
