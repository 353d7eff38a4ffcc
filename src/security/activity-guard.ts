/**
 * Shape check of an incoming activity before the adapter sees it. botbuilder only checks that the
 * body is an object; a missing `conversation.id` or a non-string `locale` would then throw deep in
 * the turn and surface as a 500. Here such input gets a 400 with a stable code instead, and ids
 * that could break key layouts (control characters, `{}` hash-tag braces, huge) are refused.
 */
import type { NextFunction, Request, Response } from 'express';

export type ActivityProblem =
  | 'NOT_AN_OBJECT'
  | 'BAD_TYPE'
  | 'BAD_CONVERSATION'
  | 'BAD_ID'
  | 'BAD_TEXT'
  | 'BAD_LOCALE'
  | 'BAD_FROM'
  | 'BAD_MEMBERS'
  | 'BAD_SERVICE_URL'
  | 'BAD_CHANNEL';

const UNSAFE_ID = /[\u0000-\u001f\u007f{}]/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const shortString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const safeId = (v: unknown, max: number): v is string => shortString(v, max) && !UNSAFE_ID.test(v);

/** The first problem found, or undefined when the activity is safe to hand to the adapter. */
export function activityProblem(body: unknown): ActivityProblem | undefined {
  if (!isRecord(body)) return 'NOT_AN_OBJECT';
  if (!shortString(body.type, 64)) return 'BAD_TYPE';
  if (!isRecord(body.conversation) || !safeId(body.conversation.id, 512)) return 'BAD_CONVERSATION';
  if (body.id !== undefined && !safeId(body.id, 256)) return 'BAD_ID';
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return 'BAD_TEXT';
  if (body.locale !== undefined && body.locale !== null && !shortString(body.locale, 35)) return 'BAD_LOCALE';
  if (body.from !== undefined && (!isRecord(body.from) || (body.from.id !== undefined && !shortString(body.from.id, 512)))) return 'BAD_FROM';
  if (body.recipient !== undefined && !isRecord(body.recipient)) return 'BAD_FROM';
  if (body.membersAdded !== undefined && (!Array.isArray(body.membersAdded) || !body.membersAdded.every((m) => isRecord(m) && (m.id === undefined || typeof m.id === 'string')))) {
    return 'BAD_MEMBERS';
  }
  if (body.serviceUrl !== undefined && !shortString(body.serviceUrl, 2048)) return 'BAD_SERVICE_URL';
  if (body.channelId !== undefined && !shortString(body.channelId, 64)) return 'BAD_CHANNEL';
  return undefined;
}

/** Express middleware (after the JSON body parser). */
export function activityGuard(onRejected?: (problem: ActivityProblem) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = activityProblem(req.body);
    if (!problem) return next();
    onRejected?.(problem);
    res.status(400).json({ error: { code: 'BAD_REQUEST', problem } });
  };
}
