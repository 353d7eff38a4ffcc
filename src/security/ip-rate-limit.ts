/**
 * Per-client-IP request limit for `/api/messages` (and any route it is mounted on): 429 with
 * `Retry-After` and a JSON error code, before the body is parsed or a token checked, so a flood
 * costs one counter increment per request. Behind a proxy, `trust proxy` decides which address
 * counts. A limiter outage lets requests through (the per-conversation path still fails fast).
 */
import type { NextFunction, Request, Response } from 'express';
import type { RateLimiter } from '../state/rate-limiter.js';

export interface IpRateLimitOptions {
  limiter: RateLimiter;
  /** Requests per window per IP; 0 = no limit. */
  limit: number;
  windowMs?: number;
  onLimited?: (ip: string) => void;
  onError?: (err: unknown) => void;
}

export function ipRateLimit(options: IpRateLimitOptions) {
  const windowMs = options.windowMs ?? 60_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.limit <= 0) return next();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    options.limiter
      .hit(`ip:${ip}:rate`, options.limit, windowMs)
      .then((hit) => {
        if (hit.allowed) return next();
        options.onLimited?.(ip);
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(hit.retryAfterMs / 1000))));
        res.status(429).json({ error: { code: 'RATE_LIMITED', retryAfterMs: hit.retryAfterMs } });
      })
      .catch((err: unknown) => {
        options.onError?.(err);
        next();
      });
  };
}
