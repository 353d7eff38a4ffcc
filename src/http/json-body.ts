/**
 * The one JSON body parser for every route that accepts JSON (`/api/messages`, Direct Line, the
 * agent console API). Size is bounded by the parser; nesting depth is bounded too, checked on the
 * raw bytes before `JSON.parse`, because a deeply nested value parses fine and then overflows the
 * stack of whatever walks it later (a stored 2,000-level `value` broke every read of its stream).
 */
import express, { type RequestHandler } from 'express';

/** Deepest nesting of objects/arrays accepted in a request body (Teams activities use about 8). */
export const MAX_BODY_DEPTH = 32;

/** A body refused before parsing; the central error handler answers it as a 400 with `code`. */
export class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly code = 'TOO_DEEP';
  readonly type = 'entity.too.deep';
  constructor(readonly maxDepth: number) {
    super(`JSON nested deeper than ${maxDepth} levels`);
    this.name = 'BodyTooDeepError';
  }
}

/**
 * Deepest nesting of `[`/`{` in JSON text, stopping as soon as `max` is exceeded (returns max + 1).
 * A linear scan with no recursion; quotes and backslashes never occur inside UTF-8 multibyte
 * sequences, so bytes can be scanned directly.
 */
export function jsonTextDepth(bytes: Uint8Array, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
      continue;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return deepest;
}

/**
 * Depth of an already parsed JSON value (iterative, so a hostile value cannot overflow the stack);
 * stops once `max` is exceeded.
 */
export function jsonValueDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() ?? { v: undefined, d: 0 };
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > max) return deepest;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ v: child, d: depth });
  }
  return deepest;
}

export interface JsonBodyOptions {
  /** Largest body in bytes (or an express size string such as '64kb'). */
  limit: number | string;
  maxDepth?: number;
}

/** `express.json` with the depth bound; errors go to the central handler (400 TOO_DEEP, 413, 400 BAD_JSON). */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const maxDepth = options.maxDepth ?? MAX_BODY_DEPTH;
  return express.json({
    limit: options.limit,
    verify: (_req, _res, buf) => {
      if (jsonTextDepth(buf, maxDepth) > maxDepth) throw new BodyTooDeepError(maxDepth);
    },
  });
}

/** Deepest and largest free-form value (a card submit's `value`, `channelData`) kept with an activity. */
export const MAX_VALUE_DEPTH = 16;
export const MAX_VALUE_BYTES = 16 * 1024;

/** True for JSON data within MAX_VALUE_DEPTH and MAX_VALUE_BYTES (checked without recursion). */
export function isBoundedValue(value: unknown): boolean {
  if (value === undefined) return true;
  return jsonValueDepth(value, MAX_VALUE_DEPTH) <= MAX_VALUE_DEPTH && (JSON.stringify(value)?.length ?? 0) <= MAX_VALUE_BYTES;
}
