/**
 * Conversations: start (`POST /conversations`, welcome once), reconnect (`GET /conversations/:id`),
 * read (`GET …/activities?watermark=`, Web Chat's polling) and post (`POST …/activities`).
 */
import type { Router } from 'express';
import { HttpError } from '../../../http/errors.js';
import { jsonBody } from '../../../http/json-body.js';
import { handle, newConversationId, newUserId, watermarkOf, type DirectLineContext } from '../context.js';
import { parsePostedActivity, StartBody } from '../posted-activity.js';
import type { TokenClaims } from '../tokens.js';

export function conversationRoutes(router: Router, ctx: DirectLineContext): void {
  const json = jsonBody({ limit: '64kb' });

  router.post(
    '/conversations',
    ctx.rateLimit('token'),
    json,
    handle(async (req, res) => {
      const body = StartBody.safeParse(req.body ?? {});
      if (!body.success) throw new HttpError(400, 'BAD_REQUEST');
      let claims: TokenClaims;
      if (ctx.isSecret(req)) {
        claims = { conversationId: newConversationId(), userId: body.data.user?.id ?? newUserId() };
        if (body.data.locale) claims.locale = body.data.locale;
      } else {
        claims = await ctx.authorize(req);
      }
      const issued = await ctx.options.tokens.issue(claims);
      const created = await ctx.start(req, claims, body.data.locale ?? claims.locale);
      res.status(created ? 201 : 200).json({
        conversationId: claims.conversationId,
        token: issued.token,
        expires_in: issued.expiresIn,
        streamUrl: ctx.streamUrl(req, claims.conversationId, issued.token),
      });
    }),
  );

  router.get(
    '/conversations/:id',
    ctx.rateLimit('read'),
    handle(async (req, res) => {
      const conversationId = ctx.conversationParam(req);
      const claims = await ctx.authorize(req, conversationId);
      // A page that reloaded between getting its token and starting still gets its welcome.
      await ctx.start(req, claims, claims.locale);
      const issued = await ctx.options.tokens.issue(claims);
      const watermark = watermarkOf(req.query.watermark);
      res.json({
        conversationId,
        token: issued.token,
        expires_in: issued.expiresIn,
        streamUrl: ctx.streamUrl(req, conversationId, issued.token, watermark),
      });
    }),
  );

  router.get(
    '/conversations/:id/activities',
    ctx.rateLimit('read'),
    handle(async (req, res) => {
      const conversationId = ctx.conversationParam(req);
      await ctx.authorize(req, conversationId);
      await ctx.requireStarted(conversationId);
      const page = await ctx.streams.list(conversationId, watermarkOf(req.query.watermark));
      res.json({ activities: page.activities, watermark: String(page.watermark) });
    }),
  );

  router.post(
    '/conversations/:id/activities',
    ctx.rateLimit('message'),
    json,
    handle(async (req, res) => {
      const conversationId = ctx.conversationParam(req);
      const claims = await ctx.authorize(req, conversationId);
      await ctx.requireStarted(conversationId);
      const posted = parsePostedActivity(req.body);
      if (!posted.ok) throw new HttpError(400, posted.code);
      const id = await ctx.accept(req, claims, posted.activity);
      res.json({ id });
    }),
  );
}
