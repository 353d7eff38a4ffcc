/**
 * Schema check (zod) of an incoming activity before the adapter sees it. botbuilder only checks
 * that the body is an object; a non-array `attachments` or a non-string `locale` would then throw
 * deep in the turn, after the caller already got its 200, and the buyer's message was lost. Here
 * every field the bot reads is checked, and such input gets a 400 with a stable problem code
 * instead. Ids that could break key layouts (control characters, `{}` hash-tag braces, huge) are
 * refused; values are bounded in depth and size. Unknown fields pass through untouched (channels
 * add their own), and an empty `locale` (Web Chat on some browsers) counts as absent.
 */
import type { Activity } from 'botbuilder';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { isBoundedValue } from '../http/json-body.js';

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
  | 'BAD_CHANNEL'
  | 'BAD_ATTACHMENTS'
  | 'BAD_VALUE'
  | 'BAD_CHANNEL_DATA'
  | 'BAD_ENTITIES';

export const MAX_ATTACHMENTS = 10;

const UNSAFE_ID = /[\u0000-\u001f\u007f{}]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

const text = (max: number) => z.string().min(1).max(max);
const safeId = (max: number) => text(max).refine((v) => !UNSAFE_ID.test(v));
/** JSON data of bounded depth and size (checked without recursion). */
const boundedJson = z.unknown().refine(isBoundedValue);
const account = z.looseObject({ id: text(512).optional(), name: z.string().max(512).nullish() });
const member = z.looseObject({ id: z.string().max(512).optional() });
const attachment = z.looseObject({
  contentType: text(255),
  contentUrl: z.string().max(4096).optional(),
  name: z.string().max(512).nullish(),
  content: z.unknown().optional(),
});

export const ActivitySchema = z.looseObject({
  type: text(64).refine((v) => !CONTROL.test(v)),
  conversation: z.looseObject({ id: safeId(512) }),
  id: safeId(256).optional(),
  text: z.string().nullish(),
  locale: text(35)
    .refine((v) => !CONTROL.test(v))
    .nullish(),
  from: account.optional(),
  recipient: account.optional(),
  membersAdded: z.array(member).max(100).optional(),
  membersRemoved: z.array(member).max(100).optional(),
  serviceUrl: text(2048).optional(),
  channelId: text(64).optional(),
  attachments: z.array(attachment).max(MAX_ATTACHMENTS).nullish(),
  value: boundedJson.optional(),
  channelData: z.record(z.string(), z.unknown()).nullish(),
  entities: z.array(z.looseObject({ type: z.string().max(256).optional() })).max(50).nullish(),
});

const PROBLEM_BY_FIELD: Record<string, ActivityProblem> = {
  type: 'BAD_TYPE',
  conversation: 'BAD_CONVERSATION',
  id: 'BAD_ID',
  text: 'BAD_TEXT',
  locale: 'BAD_LOCALE',
  from: 'BAD_FROM',
  recipient: 'BAD_FROM',
  membersAdded: 'BAD_MEMBERS',
  membersRemoved: 'BAD_MEMBERS',
  serviceUrl: 'BAD_SERVICE_URL',
  channelId: 'BAD_CHANNEL',
  attachments: 'BAD_ATTACHMENTS',
  value: 'BAD_VALUE',
  channelData: 'BAD_CHANNEL_DATA',
  entities: 'BAD_ENTITIES',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Fields a channel may send empty or null that mean "absent": removed in place, so the turn never
 * sees them (an empty locale is not a language; `attachments: null` is no attachment).
 */
export function normalizeActivity(body: Record<string, unknown>): void {
  if (body.locale === '' || body.locale === null) delete body.locale;
  if (body.attachments === null) delete body.attachments;
  if (body.text === null) delete body.text;
}

/** The first problem found, or undefined when the activity is safe to hand to the adapter. */
export function activityProblem(body: unknown): ActivityProblem | undefined {
  if (!isRecord(body)) return 'NOT_AN_OBJECT';
  const probe = body.locale === '' ? { ...body, locale: undefined } : body;
  const parsed = ActivitySchema.safeParse(probe);
  if (parsed.success) return undefined;
  const field = parsed.error.issues[0]?.path[0];
  return (typeof field === 'string' ? PROBLEM_BY_FIELD[field] : undefined) ?? 'NOT_AN_OBJECT';
}

/** The body as botbuilder's Activity (as CloudAdapter does it: an object; `activityGuard` checked the fields). */
const AsActivity = z.custom<Activity>((v) => isRecord(v), { message: 'Activity' });
export function toActivity(body: unknown): Activity {
  return AsActivity.parse(body);
}

/** Express middleware (after the JSON body parser): 400 with the problem, or the normalized activity onward. */
export function activityGuard(onRejected?: (problem: ActivityProblem) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = activityProblem(req.body);
    if (!problem) {
      if (isRecord(req.body)) normalizeActivity(req.body);
      return next();
    }
    onRejected?.(problem);
    res.status(400).json({ error: { code: 'BAD_REQUEST', problem } });
  };
}
