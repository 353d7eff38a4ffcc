/**
 * The one place that reads `process.env`. Everything else receives typed configuration from the
 * composition root, so tests build configs directly and nothing depends on ambient state.
 */
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const boolish = (v: unknown) => (typeof v === 'string' ? ['1', 'true', 'yes'].includes(v.trim().toLowerCase()) : v);
const commaList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

export const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Loopback by default: a self-hoster opts in to exposing the port (HOST=0.0.0.0) behind their proxy. */
  host: z.string().default('127.0.0.1'),
  /** Where links (return labels, widget script) point; defaults to http://host:port. */
  publicBaseUrl: optionalString,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Empty app id = local mode (Emulator, CLI, widget without Azure). */
  microsoftAppId: z.preprocess(emptyToUndefined, z.string().default('')),
  microsoftAppPassword: z.preprocess(emptyToUndefined, z.string().default('')),
  microsoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  microsoftAppTenantId: optionalString,
  /** Keep conversations and orders on disk (survive restarts) without Redis. */
  dataDir: optionalString,
  /** Shared state across instances. */
  redisUrl: optionalString,
  redisKeyPrefix: z.string().default('asa'),
  /** `REDIS_URL` is a comma-separated list of Redis Cluster seed nodes. */
  redisCluster: z.preprocess(boolish, z.boolean().default(false)),
  /** A Redis command without a reply fails after this long (fail fast, never hang a turn). */
  redisCommandTimeoutMs: z.coerce.number().int().positive().default(1000),
  /** A conversation nobody writes to expires from Redis after this many days. */
  stateTtlDays: z.coerce.number().positive().default(30),
  /** The per-conversation lock frees itself after this long; default turnTimeoutMs + 5 s. */
  lockTtlMs: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  /** How long a turn waits for the previous turn of the same conversation. */
  lockWaitMs: z.coerce.number().int().nonnegative().default(3000),
  /** Requests per minute per client IP on /api/messages (0 = no limit). */
  rateLimitIpPerMinute: z.coerce.number().int().nonnegative().default(600),
  /** Buyer messages per minute per conversation (0 = no limit). */
  rateLimitConversationPerMinute: z.coerce.number().int().nonnegative().default(30),
  /** OpenID metadata for tokens from Bot Framework channels (sovereign clouds, tests); Microsoft's public one when absent. */
  botOpenIdMetadataUrl: optionalString,
  /** OpenID metadata for Emulator / Azure AD tokens; Microsoft's public one when absent. */
  botEmulatorOpenIdMetadataUrl: optionalString,
  /** Teams tenant ids whose users may act as agents (comma-separated); empty = Teams agent features off. */
  teamsAllowedTenants: z.preprocess(commaList, z.array(z.string().min(1)).default([])),
  /** The agents' team (`19:…@thread.tacv2`); empty = the first team the bot is added to, pinned. */
  teamsAgentsTeamId: optionalString,
  /** Service URLs (prefixes) replies may be posted to besides Microsoft's and, for loopback callers, loopback ones. */
  trustedServiceUrls: z.preprocess(commaList, z.array(z.url()).default([])),
  /** Local mode (no app id): agent features for direct loopback callers (`loopback`) or for nobody (`off`). */
  localAgentDesk: z.enum(['loopback', 'off']).default('loopback'),
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: optionalString,
  policyFile: optionalString,
  /** Orders to load at start (JSON or the marketplace's tab-separated report) instead of the demo store. */
  ordersFile: optionalString,
  /** Seller profile: name, return address, agents' business hours. */
  sellerFile: z.string().default('data/seller.json'),
  /** Tracking provider adapter; the offline demo tracker when absent. */
  trackingApiUrl: optionalString,
  trackingApiKey: optionalString,
  /** A seller's own order system (HttpOrderService, contract in docs/orders-and-policy.md); the embedded store when absent. */
  orderApiUrl: optionalString,
  /** Sent as `Authorization: Bearer <token>` to the order system. */
  orderApiToken: optionalString,
  /** A request to the order system fails after this long. */
  orderApiTimeoutMs: z.coerce.number().int().positive().default(3000),
  /** Secrets for signed links/tokens. Generated per process when absent (links then die with the process). */
  labelSecret: optionalString,
  buyerTokenSecret: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 bytes').optional()),
  /** Failed verifications (per conversation, and per order id) before order look-ups lock. */
  verifyMaxAttempts: z.coerce.number().int().positive().default(5),
  /** How long that lock lasts after the last failed attempt (the buyer is told this). */
  verifyLockMinutes: z.coerce.number().int().positive().default(30),
  /** Website widget: sites that may embed it (comma-separated; `*` = any, demos only). */
  widgetAllowedOrigins: z.preprocess(commaList, z.array(z.string().min(1)).default([])),
  /** Widget name and colour; the seller profile's name when absent. */
  widgetSellerName: optionalString,
  widgetAccent: optionalString,
  /** Serve the demo store page at `/`. */
  widgetDemoPage: z.preprocess(boolish, z.boolean().default(true)),
  /** Direct Line secret for server-to-server token requests (never sent to pages). */
  directLineSecret: optionalString,
  /** HMAC key for widget tokens (≥ 32 bytes); random per process when absent (tokens die with it). */
  directLineTokenSecret: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 bytes').optional()),
  directLineTokenTtlSeconds: z.coerce.number().int().positive().default(1800),
  /** Language of cards posted to the agents' Teams channel. */
  teamsAgentLang: z.enum(['en', 'zh']).default('en'),
  /** Agent console tab SSO: accepted token audiences and where Microsoft's signing keys are fetched. */
  teamsTabAudiences: z.preprocess(commaList, z.array(z.string().min(1)).default([])),
  teamsJwksUrl: z.string().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** Longest buyer message accepted, in characters. */
  maxMessageChars: z.coerce.number().int().positive().default(2000),
  turnTimeoutMs: z.coerce.number().int().positive().default(10_000),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Env var → config field. Documented in the README. */
const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  logLevel: 'LOG_LEVEL',
  microsoftAppId: 'MicrosoftAppId',
  microsoftAppPassword: 'MicrosoftAppPassword',
  microsoftAppType: 'MicrosoftAppType',
  microsoftAppTenantId: 'MicrosoftAppTenantId',
  dataDir: 'DATA_DIR',
  redisUrl: 'REDIS_URL',
  redisKeyPrefix: 'REDIS_KEY_PREFIX',
  redisCluster: 'REDIS_CLUSTER',
  redisCommandTimeoutMs: 'REDIS_COMMAND_TIMEOUT_MS',
  stateTtlDays: 'STATE_TTL_DAYS',
  lockTtlMs: 'CONVERSATION_LOCK_TTL_MS',
  lockWaitMs: 'CONVERSATION_LOCK_WAIT_MS',
  rateLimitIpPerMinute: 'RATE_LIMIT_IP_PER_MINUTE',
  rateLimitConversationPerMinute: 'RATE_LIMIT_CONVERSATION_PER_MINUTE',
  botOpenIdMetadataUrl: 'BOT_OPENID_METADATA_URL',
  botEmulatorOpenIdMetadataUrl: 'BOT_EMULATOR_OPENID_METADATA_URL',
  teamsAllowedTenants: 'TEAMS_ALLOWED_TENANTS',
  teamsAgentsTeamId: 'TEAMS_AGENTS_TEAM_ID',
  trustedServiceUrls: 'TRUSTED_SERVICE_URLS',
  localAgentDesk: 'LOCAL_AGENT_DESK',
  metricsToken: 'METRICS_TOKEN',
  policyFile: 'POLICY_FILE',
  ordersFile: 'ORDERS_FILE',
  sellerFile: 'SELLER_FILE',
  trackingApiUrl: 'TRACKING_API_URL',
  trackingApiKey: 'TRACKING_API_KEY',
  orderApiUrl: 'ORDER_API_URL',
  orderApiToken: 'ORDER_API_TOKEN',
  orderApiTimeoutMs: 'ORDER_API_TIMEOUT_MS',
  labelSecret: 'LABEL_SECRET',
  buyerTokenSecret: 'BUYER_TOKEN_SECRET',
  verifyMaxAttempts: 'VERIFY_MAX_ATTEMPTS',
  verifyLockMinutes: 'VERIFY_LOCK_MINUTES',
  widgetAllowedOrigins: 'WIDGET_ALLOWED_ORIGINS',
  widgetSellerName: 'WIDGET_SELLER_NAME',
  widgetAccent: 'WIDGET_ACCENT',
  widgetDemoPage: 'WIDGET_DEMO_PAGE',
  directLineSecret: 'DIRECT_LINE_SECRET',
  directLineTokenSecret: 'DIRECT_LINE_TOKEN_SECRET',
  directLineTokenTtlSeconds: 'DIRECT_LINE_TOKEN_TTL_SECONDS',
  teamsAgentLang: 'TEAMS_AGENT_LANG',
  teamsTabAudiences: 'TEAMS_TAB_AUDIENCES',
  teamsJwksUrl: 'TEAMS_JWKS_URL',
  maxMessageChars: 'MAX_MESSAGE_CHARS',
  turnTimeoutMs: 'TURN_TIMEOUT_MS',
};

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Parse config from an env-like record; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    if (env[name] !== undefined) raw[field] = env[name];
  }
  const parsed = ConfigSchema.safeParse({ ...raw, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      return `${ENV_NAMES[field as keyof Config] ?? field}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** True when CI=true: test helpers use it to fail (not skip) when a required system package is missing. */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}
