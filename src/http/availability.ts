/**
 * Answers 503 with `Retry-After` on routes that need shared state while it is down, before any
 * work starts: a killed Redis shows in the connection state at once, a hung one is found by a PING
 * that times out. The
 * probe result is reused for a short while (a healthy one ~250 ms, so a busy server sends a few
 * PINGs a second at most; a failed one until the retry time), and concurrent requests share one
 * probe. A failure in the middle of a request still reaches the central error handler as a 503.
 */
import type { NextFunction, Request, Response } from 'express';
import { RETRY_AFTER_SECONDS, sendError } from './errors.js';

export interface AvailabilityOptions {
  /** Synchronous connection state: false means down now (a killed server), whatever the cached verdict. */
  ready?(): boolean;
  /** Resolves true when the dependency answers; never rejects (false when it does). */
  probe(): Promise<boolean>;
  healthyForMs?: number;
  unhealthyForMs?: number;
  now?: () => number;
  /** Called when a request is turned away (metrics, logs). */
  onUnavailable?: (req: Request) => void;
}

export interface AvailabilityGate {
  (req: Request, res: Response, next: NextFunction): void;
  /** The cached or a fresh verdict. */
  available(): Promise<boolean>;
}

export function availabilityGate(options: AvailabilityOptions): AvailabilityGate {
  const now = options.now ?? (() => performance.now());
  const healthyFor = options.healthyForMs ?? 250;
  const unhealthyFor = options.unhealthyForMs ?? RETRY_AFTER_SECONDS * 1000;
  let verdict: { ok: boolean; until: number } | undefined;
  let probing: Promise<boolean> | undefined;

  const available = (): Promise<boolean> => {
    if (options.ready && !options.ready()) return Promise.resolve(false);
    if (verdict && now() < verdict.until) return Promise.resolve(verdict.ok);
    probing ??= options
      .probe()
      .catch(() => false)
      .then((ok) => {
        verdict = { ok, until: now() + (ok ? healthyFor : unhealthyFor) };
        probing = undefined;
        return ok;
      });
    return probing;
  };

  const gate = (req: Request, res: Response, next: NextFunction): void => {
    available().then(
      (ok) => {
        if (ok) return next();
        options.onUnavailable?.(req);
        sendError(res, { status: 503, code: 'UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS, level: 'warn' });
      },
      (err: unknown) => next(err),
    );
  };
  return Object.assign(gate, { available });
}
