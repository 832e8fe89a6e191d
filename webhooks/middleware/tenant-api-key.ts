import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors/app-error.ts';
import type { SettingsActor } from '../../core/settings/settings-actor.ts';
import { principalByApiKey, type ApiKeyPrincipal } from '../../db/queries/settings-api-keys.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * `Authorization: Bearer <key>` → `c.get('tenantId')` and `c.get('principal')`. The key is either
 * the team's integration key (acts for the tenant; actions name their `agentId`) or one agent's
 * own key (acts as that agent, whose role every check then applies to). Every API query filters
 * by the tenant.
 */
export function tenantApiKey() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('unauthorized', 'Missing Authorization: Bearer <API key>');
    const principal = await principalByApiKey(c.get('runtime').db, match[1]);
    if (!principal) throw new AppError('unauthorized', 'Unknown API key');
    c.set('tenantId', principal.tenantId);
    c.set('principal', principal);
    await next();
  });
}

/** The caller as the settings use cases see it. */
export const settingsActorOf = (principal: ApiKeyPrincipal): SettingsActor =>
  principal.kind === 'agent' ? { kind: 'agent', id: principal.agentId, role: principal.role } : { kind: 'tenant_key' };

/** Managers and admins only (an agent key of another role → 403); the team key acts for the team. */
export function requireManager(principal: ApiKeyPrincipal): void {
  if (principal.kind === 'agent' && principal.role === 'agent')
    throw new AppError('forbidden', 'only a manager or admin can do this');
}
