/**
 * Teams tenant allow-list: a bot registered as multi-tenant can be added to any organisation's Teams,
 * and every Teams activity is an agent's. Activities from the `msteams` channel whose tenant is not on
 * the list are dropped after authentication (no turn runs, nothing is stored or answered). An empty
 * list allows nobody: Teams agent features stay off until the seller names their tenant.
 */
import type { Middleware, TurnContext } from 'botbuilder';

/** The tenant of a Teams activity: `channelData.tenant.id`, else `conversation.tenantId`. */
export function teamsTenantOf(context: TurnContext): string | undefined {
  const data: unknown = context.activity.channelData;
  if (typeof data === 'object' && data !== null && 'tenant' in data) {
    const tenant: unknown = data.tenant;
    if (typeof tenant === 'object' && tenant !== null && 'id' in tenant && typeof tenant.id === 'string') return tenant.id;
  }
  return context.activity.conversation?.tenantId;
}

export interface TenantGateOptions {
  /** Allowed tenant ids; empty = no tenant (Teams agent features off). */
  allowed: readonly string[];
  onDenied?: (tenantId: string | undefined, context: TurnContext) => void;
}

/** Case-insensitive membership; an empty list allows nobody. */
export function tenantAllowed(tenant: string | undefined, allowed: ReadonlySet<string>): boolean {
  return tenant !== undefined && allowed.has(tenant.toLowerCase());
}

/** botbuilder middleware: stops msteams activities from other tenants before the bot sees them. */
export function teamsTenantGate(options: TenantGateOptions): Middleware {
  const allowed = new Set(options.allowed.map((t) => t.toLowerCase()));
  return {
    async onTurn(context, next) {
      if (context.activity.channelId !== 'msteams') return next();
      const tenant = teamsTenantOf(context);
      if (tenantAllowed(tenant, allowed)) return next();
      options.onDenied?.(tenant, context);
    },
  };
}
