/** Photos: `POST /conversations/:id/upload` (multipart, checked images only) and `GET /attachments/:name`. */
import express, { type Router } from 'express';
import type { Attachment } from 'botbuilder';
import { HttpError } from '../../../http/errors.js';
import { jsonTextDepth, MAX_BODY_DEPTH } from '../../../http/json-body.js';
import { checkPhoto } from '../attachments.js';
import { DIRECT_LINE_PATH, handle, type DirectLineContext } from '../context.js';
import { parsePostedActivity, type PostedActivity } from '../posted-activity.js';

export function uploadRoutes(router: Router, ctx: DirectLineContext): void {
  const { limits } = ctx;
  router.post(
    '/conversations/:id/upload',
    ctx.rateLimit('message'),
    express.raw({ type: 'multipart/form-data', limit: limits.maxPhotoBytes * limits.filesPerUpload + 256 * 1024 }),
    handle(async (req, res) => {
      const conversationId = ctx.conversationParam(req);
      const claims = await ctx.authorize(req, conversationId);
      await ctx.requireStarted(conversationId);
      if (!Buffer.isBuffer(req.body)) throw new HttpError(400, 'MULTIPART_REQUIRED');
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        throw new HttpError(400, 'MULTIPART_INVALID');
      }
      let posted: PostedActivity = { type: 'message' };
      const files: File[] = [];
      for (const [field, value] of form.entries()) {
        if (field === 'activity') {
          const text = typeof value === 'string' ? value : await value.text();
          const parsed = parsePostedActivity(withoutFileList(safeJson(text), limits.filesPerUpload));
          if (!parsed.ok) throw new HttpError(400, parsed.code);
          if (parsed.activity.type !== 'message') throw new HttpError(400, 'BAD_TYPE');
          posted = parsed.activity;
        } else if (typeof value !== 'string') {
          files.push(value);
        }
      }
      if (files.length === 0) throw new HttpError(400, 'NO_FILE');
      if (files.length > limits.filesPerUpload) throw new HttpError(400, 'TOO_MANY_FILES');
      const checked = [];
      for (const file of files) {
        if (file.size > limits.maxPhotoBytes) throw new HttpError(413, 'PHOTO_TOO_LARGE');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const verdict = checkPhoto(bytes, limits.maxPhotoBytes);
        if (!verdict.ok) throw new HttpError(verdict.reason === 'tooLarge' ? 413 : 415, verdict.reason === 'tooLarge' ? 'PHOTO_TOO_LARGE' : 'NOT_A_PHOTO');
        checked.push({ bytes, type: verdict.type, name: file.name });
      }
      const attachments: Attachment[] = [];
      for (const photo of checked) {
        const stored = await ctx.options.photos.save(photo.bytes, photo.type);
        const url = `${ctx.baseUrl(req)}${DIRECT_LINE_PATH}/attachments/${stored.name}`;
        // The photo is its own thumbnail: Web Chat then shows the buyer's picture, not a file chip.
        attachments.push({ contentType: stored.contentType, contentUrl: url, thumbnailUrl: url, name: displayName(photo.name, stored.name) });
      }
      const id = await ctx.accept(req, claims, posted, attachments);
      res.json({ id });
    }),
  );

  router.get(
    '/attachments/:name',
    ctx.rateLimit('read'),
    handle(async (req, res) => {
      const name = req.params.name;
      const photo = typeof name === 'string' ? await ctx.options.photos.load(name) : undefined;
      if (!photo) throw new HttpError(404, 'NOT_FOUND');
      res.setHeader('Content-Type', photo.contentType);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, max-age=86400');
      // Web Chat in the seller's page shows the photo; it is an image, not something to run.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.send(photo.bytes);
    }),
  );
}

/** The multipart `activity` field as JSON, or undefined (then refused) when it is not JSON or too deep. */
function safeJson(text: string): unknown {
  if (jsonTextDepth(Buffer.from(text), MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * directlinejs names the uploaded files in the activity part too (`attachments: [{ name,
 * contentType }]`, no URL); the files themselves are the multipart parts, checked above. That list
 * is dropped here; anything else in `attachments` (a URL, too many entries) stays and is refused.
 */
function withoutFileList(body: unknown, maxFiles: number): unknown {
  if (typeof body !== 'object' || body === null || !('attachments' in body)) return body;
  const { attachments, ...rest } = body;
  const names = (a: unknown) => typeof a === 'object' && a !== null && !('contentUrl' in a) && !('content' in a);
  return Array.isArray(attachments) && attachments.length <= maxFiles && attachments.every(names) ? rest : body;
}

/** The buyer's file name, reduced to harmless characters (shown in Web Chat and to agents). */
function displayName(original: string, fallback: string): string {
  const cleaned = original.replace(/[^\p{L}\p{N}._ -]/gu, '').trim().slice(0, 80);
  return cleaned || fallback;
}
