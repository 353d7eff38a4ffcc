/**
 * botbuilder's configuration-based authentication, with two changes:
 * - a token whose signature is wrong or missing (`alg: none`) makes the JWT library throw its own
 *   error type, which CloudAdapter turns into a 500. Every token-validation failure is a 401 here;
 *   any other failure (the OpenID metadata or key endpoint unreachable, a DNS error) becomes
 *   `AuthUnavailableError`: the caller gets a 503 with a code only, the cause goes to the log.
 * - CloudAdapter asks for a new ConnectorClient and a new UserTokenClient on every turn (each one an
 *   Azure HTTP pipeline with its credentials: ~60 µs and a few KB of garbage per turn, used or not).
 *   They hold no per-turn state, so the ones built for an app id, audience and service URL are
 *   reused (as botbuilder's older BotFrameworkAdapter did); credentials then keep their token cache
 *   too. The cache is bounded: service URLs come from activities.
 */
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** Tokens cannot be checked right now (Microsoft's key endpoint unreachable): 503, never a 500 with its text. */
export class AuthUnavailableError extends Error {
  readonly code = 'AUTH_UNAVAILABLE';
  constructor(options?: { cause?: unknown }) {
    super('Bot Framework signing keys unavailable', options);
    this.name = 'AuthUnavailableError';
  }
}

/** Error names of the `jsonwebtoken` library used by botframework-connector. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Clients kept per kind; past it the oldest goes (a real bot sees a handful of service URLs). */
export const CLIENT_CACHE_MAX = 64;

/** Promises of clients by key, oldest first; a failed creation is not kept. */
class ClientCache<T> {
  private readonly items = new Map<string, Promise<T>>();

  get(key: string, create: () => Promise<T>): Promise<T> {
    const hit = this.items.get(key);
    if (hit) return hit;
    const made = create();
    if (this.items.size >= CLIENT_CACHE_MAX) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    this.items.set(key, made);
    made.catch(() => {
      if (this.items.get(key) === made) this.items.delete(key);
    });
    return made;
  }

  get size(): number {
    return this.items.size;
  }
}

/** The app id botframework-connector builds clients for: the audience claim, else the appid claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Hands out the inner factory's clients, one per app id, audience and service URL. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(`${this.appId}\n${audience ?? ''}\n${serviceUrl}`, () => this.inner.create(serviceUrl, audience));
  }
}

export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new ClientCache<ConnectorClient>();
  private readonly userTokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      // A refused token (401/403); an AuthenticationError with another status (500: "Failed to load
      // openID config") is the key endpoint failing, answered below as unavailable.
      if (err instanceof AuthenticationError && (err.statusCode === StatusCodes.UNAUTHORIZED || err.statusCode === 403)) throw err;
      if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
        throw new AuthenticationError(`Unauthorized: ${err.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw new AuthUnavailableError({ cause: err });
    }
    const inner = result.connectorFactory;
    if (!inner) return result;
    return { ...result, connectorFactory: new ReusingConnectorFactory(inner, appIdOf(result.claimsIdentity), this.connectorClients) };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** Clients kept now (tests). */
  cachedClients(): { connector: number; userToken: number } {
    return { connector: this.connectorClients.size, userToken: this.userTokenClients.size };
  }
}
