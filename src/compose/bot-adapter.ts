/**
 * The Bot Framework adapter every channel's turns go through: authentication from the typed config,
 * the Teams tenant gate, and a last-resort error log.
 */
import type { ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import { HttpCloudAdapter } from '../http/bot-adapter.js';
import { AuthenticationConstants } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AppMetrics } from '../metrics/metrics.js';
import { StrictBotFrameworkAuthentication } from '../security/bot-auth.js';
import { teamsTenantGate } from '../security/teams-tenants.js';

export function createBotAdapter(config: Config, logger: Logger, metrics: AppMetrics): HttpCloudAdapter {
  const adapter = new HttpCloudAdapter(new StrictBotFrameworkAuthentication(botAuthOptions(config)));
  adapter.use(
    teamsTenantGate({
      allowed: config.teamsAllowedTenants,
      onDenied: (tenantId) => {
        metrics.httpRejected('tenant_denied');
        logger.warn({ tenantId }, 'Teams activity from a tenant that is not allowed; dropped');
      },
    }),
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Reached only when sending itself failed (the turn runner answers its own errors).
    logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
  };
  return adapter;
}

/**
 * Bot Framework authentication from the typed config. With `botOpenIdMetadataUrl` set, botbuilder's
 * parameterized mode is used, which needs every endpoint: the rest keep Microsoft's public-cloud
 * values, so only where signing keys are fetched changes (sovereign clouds, local tests).
 */
function botAuthOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const base: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    ...(config.microsoftAppTenantId ? { MicrosoftAppTenantId: config.microsoftAppTenantId } : {}),
  };
  if (!config.botOpenIdMetadataUrl && !config.botEmulatorOpenIdMetadataUrl) return base;
  return {
    ...base,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.botOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: config.botEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}
