/**
 * Direct Line tokens: HS256 JWTs bound to ONE conversation and one buyer id, short-lived and
 * refreshable. The page only ever holds such a token, never the channel secret, so a leaked token
 * exposes one conversation for at most its lifetime.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'aftersales-directline';
const AUDIENCE = 'directline';

export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** BCP-47 locale the page asked for; seeds the bot's first language. */
  locale?: string;
}

export interface IssuedToken {
  token: string;
  /** Seconds until expiry, as Direct Line's `expires_in`. */
  expiresIn: number;
  expiresAt: Date;
}

export interface DirectLineTokenOptions {
  /** HMAC key; at least 32 bytes. A random one per process when absent (tokens then die with it). */
  secret?: string | Uint8Array;
  /** Token lifetime; Direct Line's default is 30 minutes and clients refresh every 15. */
  ttlSeconds?: number;
  now?: () => Date;
}

export class DirectLineTokens {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: DirectLineTokenOptions = {}) {
    const secret = options.secret ?? randomBytes(32);
    this.key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (this.key.byteLength < 32) throw new RangeError('Direct Line token secret must be at least 32 bytes');
    this.ttlSeconds = options.ttlSeconds ?? 1800;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 60) throw new RangeError('token TTL must be at least 60 seconds');
    this.now = options.now ?? (() => new Date());
  }

  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    // `user` is where Web Chat looks for the buyer id bound to the token (so the page cannot pick one).
    const token = await new SignJWT({ conv: claims.conversationId, user: claims.userId, ...(claims.locale ? { loc: claims.locale } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(claims.userId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid, unexpired token of ours; undefined for anything else. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    return (await this.check(token))?.claims;
  }

  /** As `verify`, with when the token expires (a WebSocket opened with it is closed then). */
  async check(token: string): Promise<{ claims: TokenClaims; expiresAt: Date } | undefined> {
    if (token.length > 4096) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.now(),
        clockTolerance: 0,
      });
      const conv = payload.conv;
      const loc = payload.loc;
      if (typeof conv !== 'string' || typeof payload.sub !== 'string' || payload.user !== payload.sub || typeof payload.exp !== 'number') return undefined;
      return {
        claims: { conversationId: conv, userId: payload.sub, ...(typeof loc === 'string' ? { locale: loc } : {}) },
        expiresAt: new Date(payload.exp * 1000),
      };
    } catch {
      return undefined;
    }
  }
}
