/**
 * Who may drive `/api/messages` and where the bot may post its replies. botbuilder posts replies to
 * whatever `serviceUrl` an activity names, and in local mode (no app id) nothing is authenticated, so
 * without this gate anyone reaching the port could make the bot POST to any address (SSRF), act as a
 * support agent, or drive a widget buyer's verified session by its conversation id.
 *
 * - Replies go only to trusted service URLs: Microsoft's Bot Framework hosts when an app id is set,
 *   loopback ones when the caller itself is on loopback (Emulator, tests), and an explicit allow-list.
 * - Agent (Teams) activities in local mode only from direct loopback callers, or from nobody.
 * - A widget (self-hosted Direct Line) conversation is reached only through the Direct Line routes.
 *
 * "Direct loopback" means the TCP peer is loopback and no proxy header is present: a reverse proxy
 * on the same host connects from loopback for every caller, so a forwarded request is not local.
 */
import type { NextFunction, Request, Response } from 'express';

/** Headers proxies add for the original client; any of them means the peer is not the caller. */
export const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-real-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
] as const;

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** True when the request came straight from this machine, not through a proxy. */
export function isDirectLoopback(remoteAddress: string | undefined, header: (name: string) => string | undefined): boolean {
  return isLoopbackAddress(remoteAddress) && PROXY_HEADERS.every((h) => header(h) === undefined);
}

/**
 * Microsoft's Bot Framework connector hosts (public cloud, Teams GCC/GCCH/DoD, US Gov, China). Exact
 * names or suffixes of Microsoft-owned domains only: `*.trafficmanager.net` is open to anyone.
 */
const MICROSOFT_HOSTS = ['smba.trafficmanager.net'];
const MICROSOFT_SUFFIXES = ['.botframework.com', '.botframework.azure.us', '.botframework.azure.cn', '.teams.microsoft.com', '.teams.microsoft.us'];

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isMicrosoftServiceUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (MICROSOFT_HOSTS.includes(host) || MICROSOFT_SUFFIXES.some((s) => host.endsWith(s)));
}

export interface ServiceUrlPolicyOptions {
  /** An app id is set: Bot Framework tokens are checked and Microsoft's hosts are trusted. */
  botFramework: boolean;
  /** Explicitly trusted URL prefixes (`TRUSTED_SERVICE_URLS`). */
  allowList: readonly string[];
}

/** Where replies may be posted; `callerLoopback`: the activity came from a direct loopback caller. */
export function serviceUrlTrusted(serviceUrl: unknown, callerLoopback: boolean, options: ServiceUrlPolicyOptions): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  if (options.allowList.some((prefix) => url.href.startsWith(new URL(prefix).href))) return true;
  if (isLoopbackHost(url.hostname)) return callerLoopback;
  return options.botFramework && isMicrosoftServiceUrl(url);
}

/**
 * Where a stored conversation reference may be continued (proactive posts to buyers and to the
 * agents' channel). The caller that left it is gone, so loopback counts as trusted only in local
 * mode, where it could have come from a loopback caller alone.
 */
export function referenceTrusted(serviceUrl: unknown, options: ServiceUrlPolicyOptions): boolean {
  return serviceUrlTrusted(serviceUrl, !options.botFramework, options);
}

export interface TrustedCallersOptions extends ServiceUrlPolicyOptions {
  /** Local mode: agent activities (`msteams`) from direct loopback callers, or from nobody. */
  localAgents: 'loopback' | 'off';
  /** A conversation of the self-hosted widget (those are driven through Direct Line only). */
  isWidgetConversation: (conversationId: string) => Promise<boolean>;
  /** The channel id the self-hosted widget uses (`directline`). */
  widgetChannelId: string;
  onRefused?: (reason: TrustRefusal) => void;
}

export type TrustRefusal = 'UNTRUSTED_SERVICE_URL' | 'AGENTS_LOCAL_ONLY' | 'WIDGET_CONVERSATION';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && name in body ? (body as Record<string, unknown>)[name] : undefined;
}

/** Why this activity may not run, or undefined. Pure over what the request shows. */
export async function trustRefusal(body: unknown, callerLoopback: boolean, options: TrustedCallersOptions): Promise<TrustRefusal | undefined> {
  if (!serviceUrlTrusted(field(body, 'serviceUrl'), callerLoopback, options)) return 'UNTRUSTED_SERVICE_URL';
  const channelId = field(body, 'channelId');
  if (!options.botFramework && channelId === 'msteams' && (options.localAgents === 'off' || !callerLoopback)) return 'AGENTS_LOCAL_ONLY';
  // Azure's Direct Line posts as `directline` with a token; without an app id nothing legitimate does.
  if (!options.botFramework && channelId === options.widgetChannelId) return 'WIDGET_CONVERSATION';
  const conversationId = field(field(body, 'conversation'), 'id');
  if (typeof conversationId === 'string' && (await options.isWidgetConversation(conversationId))) return 'WIDGET_CONVERSATION';
  return undefined;
}

/**
 * Express middleware for `/api/messages`, after the body parser and the shape check. A refused
 * request gets 403 with a stable code and nothing else: no turn runs, nothing is posted anywhere.
 */
export function trustedCallers(options: TrustedCallersOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const loopback = isDirectLoopback(req.socket.remoteAddress, (h) => req.get(h));
    trustRefusal(req.body, loopback, options)
      .then((refusal) => {
        if (!refusal) return next();
        options.onRefused?.(refusal);
        res.status(403).json({ error: { code: 'FORBIDDEN' } });
      })
      .catch(next);
  };
}
