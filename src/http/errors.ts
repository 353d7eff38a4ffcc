/**
 * The central error handler: every route's failure ends here and is answered as
 * `{ error: { code } }` with a stable code, never with an error's message or stack (those go to
 * the log). An outage of a shared dependency (Redis, the Bot Framework key endpoint) is a 503 with
 * `Retry-After`, so clients retry instead of treating it as a bug.
 */
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';

/** Seconds a client is asked to wait during an outage (Redis reconnects within about 2 s). */
export const RETRY_AFTER_SECONDS = 2;

/** A failure a route reports on purpose: status and a stable code, no text. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

/** A dependency the request needs is down for now (answered 503 + Retry-After). */
export class ServiceUnavailableError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(
    readonly dependency: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} unavailable`, options);
    this.name = 'ServiceUnavailableError';
  }
}

export interface ErrorAnswer {
  status: number;
  code: string;
  retryAfterSeconds?: number;
  /** How loudly to log it. */
  level: 'error' | 'warn' | 'debug';
}

const STABLE_CODE = /^[A-Z][A-Z_]{1,39}$/;

const field = (err: unknown, name: string): unknown => (typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined);

/** body-parser's error types, as stable codes. */
const PARSER_TYPES: Record<string, { status: number; code: string }> = {
  'entity.too.large': { status: 413, code: 'TOO_LARGE' },
  'entity.parse.failed': { status: 400, code: 'BAD_JSON' },
  'entity.too.deep': { status: 400, code: 'TOO_DEEP' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_CHARSET' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_ENCODING' },
  'request.aborted': { status: 400, code: 'ABORTED' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST' },
  'stream.encoding.set': { status: 500, code: 'INTERNAL' },
};

/** What to answer for `err`: the only place that decides a failure's status and code. */
export function answerFor(err: unknown): ErrorAnswer {
  if (err instanceof HttpError) return { status: err.status, code: err.code, level: 'debug' };
  const code = field(err, 'code');
  if (code === 'STORAGE_UNAVAILABLE' || code === 'AUTH_UNAVAILABLE' || err instanceof ServiceUnavailableError) {
    return { status: 503, code: 'UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS, level: code === 'STORAGE_UNAVAILABLE' ? 'warn' : 'error' };
  }
  if (err instanceof AuthenticationError) {
    // botframework-connector uses statusCode 401 for bad tokens; anything else it raises is ours.
    return err.statusCode === 401 || err.statusCode === 403 ? { status: 401, code: 'UNAUTHORIZED', level: 'warn' } : { status: 500, code: 'INTERNAL', level: 'error' };
  }
  const type = field(err, 'type');
  const parser = typeof type === 'string' ? PARSER_TYPES[type] : undefined;
  if (parser) return { ...parser, level: parser.status >= 500 ? 'error' : 'debug' };
  const status = field(err, 'status') ?? field(err, 'statusCode');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: typeof code === 'string' && STABLE_CODE.test(code) ? code : 'BAD_REQUEST', level: 'debug' };
  }
  return { status: 500, code: 'INTERNAL', level: 'error' };
}

/** Writes the answer (JSON, no text from the error) unless a response already started. */
export function sendError(res: Response, answer: ErrorAnswer): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (answer.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(answer.retryAfterSeconds));
  res.status(answer.status).json({ error: { code: answer.code } });
}

/** Express error middleware: logs with the cause, answers with the code only. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const answer = answerFor(err);
    const where = { method: req.method, path: req.path, status: answer.status, code: answer.code };
    if (answer.level === 'error') logger.error({ err, ...where }, 'request failed');
    else if (answer.level === 'warn') logger.warn({ err: err instanceof Error ? err.message : String(err), ...where }, 'request refused');
    sendError(res, answer);
  };
}
