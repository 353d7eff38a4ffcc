/**
 * Bounded retry for outbound calls to the Bot Framework connector (Teams): 429 and 502/504 are
 * transient there, and Teams tells how long to back off with Retry-After.
 */

export interface RetryOptions {
  /** Total attempts including the first. */
  attempts?: number;
  /** Back-off when the response names none, doubled per attempt. */
  baseDelayMs?: number;
  /** Longest wait honoured from a Retry-After header (a hostile or broken value cannot stall a turn). */
  maxDelayMs?: number;
  /** Injected so tests see the requested waits instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** For Retry-After given as an HTTP date. */
  now?: () => Date;
}

const RETRYABLE = new Set([429, 502, 504]);

/** Status code of a connector error (RestError from @azure/core-rest-pipeline, or anything shaped like one). */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  if ('statusCode' in err && typeof err.statusCode === 'number') return err.statusCode;
  if ('status' in err && typeof err.status === 'number') return err.status;
  return undefined;
}

function header(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null || !('response' in err)) return undefined;
  const response = err.response;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  if ('get' in headers && typeof headers.get === 'function') {
    const v: unknown = headers.get(name);
    return typeof v === 'string' ? v : undefined;
  }
  const v: unknown = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export class RetryExhaustedError extends Error {
  readonly code = 'TEAMS_RETRY_EXHAUSTED';
  constructor(
    readonly attempts: number,
    readonly lastStatus: number | undefined,
    options: { cause: unknown },
  ) {
    super(`gave up after ${attempts} attempts (last status ${lastStatus ?? 'none'})`, options);
  }
}

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || !RETRYABLE.has(status)) throw err;
      if (attempt >= attempts) throw new RetryExhaustedError(attempt, status, { cause: err });
      const asked = retryAfterMs(header(err, 'retry-after'), now());
      await sleep(Math.min(max, asked ?? base * 2 ** (attempt - 1)));
    }
  }
}
