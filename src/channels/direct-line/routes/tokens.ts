/** `POST /tokens/generate` and `/tokens/refresh`: a token for one conversation. */
import type { Router } from 'express';
import { HttpError } from '../../../http/errors.js';
import { jsonBody } from '../../../http/json-body.js';
import { bearer, handle, newConversationId, newUserId, type DirectLineContext } from '../context.js';
import { StartBody } from '../posted-activity.js';

export function tokenRoutes(router: Router, ctx: DirectLineContext): void {
  router.post(
    '/tokens/generate',
    ctx.rateLimit('token'),
    jsonBody({ limit: '8kb' }),
    handle(async (req, res) => {
      const trusted = ctx.isSecret(req);
      if (!trusted) {
        // Browser mode: no secret on the page; the allowed Origin (checked by CORS) is the credential.
        if (bearer(req) !== undefined) throw new HttpError(403, 'SECRET_INVALID');
        if (req.headers.origin === undefined) throw new HttpError(403, 'ORIGIN_REQUIRED');
      }
      const body = StartBody.safeParse(req.body ?? {});
      if (!body.success) throw new HttpError(400, 'BAD_REQUEST');
      const userId = trusted && body.data.user?.id ? body.data.user.id : newUserId();
      const conversationId = newConversationId();
      const issued = await ctx.options.tokens.issue({ conversationId, userId, ...(body.data.locale ? { locale: body.data.locale } : {}) });
      res.json({ conversationId, token: issued.token, expires_in: issued.expiresIn, userId, streamAvailable: ctx.streamAvailable() });
    }),
  );

  router.post(
    '/tokens/refresh',
    ctx.rateLimit('token'),
    handle(async (req, res) => {
      const claims = await ctx.authorize(req);
      const issued = await ctx.options.tokens.issue(claims);
      res.json({ conversationId: claims.conversationId, token: issued.token, expires_in: issued.expiresIn, userId: claims.userId, streamAvailable: ctx.streamAvailable() });
    }),
  );
}
