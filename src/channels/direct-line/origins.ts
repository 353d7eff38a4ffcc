/**
 * Which web pages may talk to the channel from a browser: this app's own pages and the seller's
 * sites on the allow-list. Checked on every Direct Line request and WebSocket upgrade that carries
 * an Origin header, so a stranger's page cannot mint tokens or drive a conversation.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface OriginPolicy {
  /** True when `origin` may call the channel from a page served at `selfOrigin`. */
  allows(origin: string, selfOrigin: string | undefined): boolean;
}

/** `http://Shop.example:443/` → `http://shop.example:443`; undefined when not an http(s) origin. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * @param allowed origins like `https://shop.example`; `*` allows any (demo setups only).
 * @param publicBaseUrl this app's public URL; its origin is always allowed.
 */
export function createOriginPolicy(allowed: readonly string[], publicBaseUrl?: string): OriginPolicy {
  const any = allowed.includes('*');
  const set = new Set(allowed.map(normaliseOrigin).filter((o): o is string => o !== undefined));
  const own = publicBaseUrl ? normaliseOrigin(publicBaseUrl) : undefined;
  if (own) set.add(own);
  return {
    allows(origin, selfOrigin) {
      if (any) return true;
      const normal = normaliseOrigin(origin);
      if (!normal) return false;
      return set.has(normal) || (selfOrigin !== undefined && normal === normaliseOrigin(selfOrigin));
    },
  };
}

/** The origin a request was addressed to (scheme from the proxy-aware protocol, host from Host). */
export function selfOriginOf(protocol: string, headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host;
  return host ? `${protocol}://${host}` : undefined;
}
