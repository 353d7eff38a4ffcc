/**
 * What a page may post as an activity, checked field by field (zod) before anything is stored or
 * run. A wrong type in any field the bot reads is a 400 naming the field (`BAD_ATTACHMENTS`,
 * `BAD_VALUE`, `BAD_TEXT`, `BAD_LOCALE`, ...), so a message is either refused visibly or
 * processed, never accepted and then lost in a failing turn. `value` and `channelData` are bounded
 * in depth and size: they are stored in the stream and read back by every poll.
 */
import { z } from 'zod';
import { isBoundedValue } from '../../http/json-body.js';

export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

/** An empty or null locale (some browsers) is no locale, not a bad one. */
const absentIfEmpty = (v: unknown) => (v === '' || v === null ? undefined : v);
export const Locale = z.preprocess(absentIfEmpty, z.string().regex(LOCALE).optional());

export const PostedActivity = z.object({
  type: z.enum(['message', 'event']),
  text: z.string().max(10_000).optional(),
  textFormat: z.enum(['plain', 'markdown']).optional(),
  locale: Locale,
  name: z.string().max(100).optional(),
  value: z.unknown().refine(isBoundedValue).optional(),
  channelData: z.record(z.string(), z.unknown()).refine(isBoundedValue).optional(),
  // Files arrive through /upload only (checked, stored, linked); here only an empty list fits.
  attachments: z.array(z.unknown()).max(0).optional(),
});
export type PostedActivity = z.infer<typeof PostedActivity>;

export const USER_ID = /^[A-Za-z0-9_.:@-]{1,64}$/;
export const StartBody = z.object({ locale: Locale, user: z.object({ id: z.string().regex(USER_ID).optional() }).optional() });

const FIELD_CODES: Record<string, string> = {
  type: 'BAD_TYPE',
  text: 'BAD_TEXT',
  textFormat: 'BAD_TEXT_FORMAT',
  locale: 'BAD_LOCALE',
  name: 'BAD_NAME',
  value: 'BAD_VALUE',
  channelData: 'BAD_CHANNEL_DATA',
  attachments: 'BAD_ATTACHMENTS',
};

/** The parsed activity, or the stable code of its first bad field. */
export function parsePostedActivity(body: unknown): { ok: true; activity: PostedActivity } | { ok: false; code: string } {
  const parsed = PostedActivity.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const field = parsed.error.issues[0]?.path[0];
  return { ok: false, code: (typeof field === 'string' ? FIELD_CODES[field] : undefined) ?? 'BAD_ACTIVITY' };
}
