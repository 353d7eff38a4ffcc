/**
 * Who is calling the agent console API. Inside Teams the tab sends the Teams SSO token
 * (`authentication.getAuthToken`), verified here against the tenant's signing keys with an
 * issuer/audience/tenant allow-list. In local mode (no app id) there is no sign-in, so the console
 * answers loopback callers only, and only direct ones: a reverse proxy on the same host connects
 * from loopback for every caller, so a request carrying any proxy header (X-Forwarded-For,
 * Forwarded, X-Real-IP, ...: `PROXY_HEADERS`) is refused. `off`: the console answers nobody.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Agent } from '../channels/agent-desk/index.js';
import { isLoopbackAddress } from '../security/trusted-callers.js';

export interface TeamsSsoOptions {
  /** JWKS of the identity platform (https://login.microsoftonline.com/common/discovery/v2.0/keys in production). */
  jwksUrl: string;
  /** The tab's Application ID URI and/or client id (`api://host/<appId>`, `<appId>`). */
  audiences: string[];
  /** Tenants whose users are agents. */
  tenantIds: string[];
  /** Defaults to both v1 and v2 issuers of every allowed tenant. */
  issuers?: string[];
}

export type TabAuth = { mode: 'local' } | { mode: 'off' } | { mode: 'teams'; sso: TeamsSsoOptions };

export class TabAuthError extends Error {
  constructor(
    readonly code: 'NO_TOKEN' | 'BAD_TOKEN' | 'NOT_LOOPBACK' | 'FORWARDED' | 'OFF',
    message: string,
  ) {
    super(message);
  }
}

export const LOCAL_AGENT: Agent = { id: 'local-agent', name: 'Local agent' };

export const isLoopback = isLoopbackAddress;

export function issuersFor(tenantIds: string[]): string[] {
  return tenantIds.flatMap((tid) => [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`]);
}

/** What the authenticator looks at; `forwarded`: the request carries a proxy header (it came through a proxy). */
export interface TabRequest {
  authorization?: string;
  remoteAddress?: string;
  forwarded?: boolean;
}

/** Builds the verifier once (the JWKS is fetched lazily and cached by jose). */
export function createTabAuthenticator(auth: TabAuth): (req: TabRequest) => Promise<Agent> {
  if (auth.mode === 'off') {
    return async () => {
      throw new TabAuthError('OFF', 'the console is off (LOCAL_AGENT_DESK=off)');
    };
  }
  if (auth.mode === 'local') {
    return async ({ remoteAddress, forwarded }) => {
      if (!isLoopback(remoteAddress)) throw new TabAuthError('NOT_LOOPBACK', 'the console without sign-in answers this machine only');
      if (forwarded) throw new TabAuthError('FORWARDED', 'the console without sign-in does not answer through a proxy');
      return LOCAL_AGENT;
    };
  }
  const { sso } = auth;
  const jwks = createRemoteJWKSet(new URL(sso.jwksUrl));
  const issuers = sso.issuers ?? issuersFor(sso.tenantIds);
  return async ({ authorization }) => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m?.[1]) throw new TabAuthError('NO_TOKEN', 'missing bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1], jwks, { issuer: issuers, audience: sso.audiences, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (err) {
      throw new TabAuthError('BAD_TOKEN', err instanceof Error ? err.message : 'invalid token');
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : '';
    if (!sso.tenantIds.includes(tid)) throw new TabAuthError('BAD_TOKEN', 'tenant not allowed');
    const id = typeof payload.oid === 'string' ? payload.oid : payload.sub;
    if (!id) throw new TabAuthError('BAD_TOKEN', 'token names no user');
    const name = [payload.name, payload.preferred_username].find((v): v is string => typeof v === 'string') ?? id;
    return { id, name };
  };
}
