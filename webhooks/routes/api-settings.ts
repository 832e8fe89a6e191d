import { z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors/app-error.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { updateTenantSettings } from '../../db/use-cases/settings/update-tenant-settings.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { apiRoute, json } from '../api/api-route.ts';
import { requireManager, settingsActorOf } from '../middleware/tenant-api-key.ts';

const SettingsBody = z
  .object({
    settings: z.record(z.string(), z.unknown()).openapi({ description: 'Every setting, defaults filled in' }),
    stored: z.record(z.string(), z.unknown()).openapi({ description: 'Only what the team has set' }),
  })
  .openapi('TenantSettings');

const SettingsPatch = z.record(z.string(), z.unknown()).openapi({
  description: 'Deep-merged into the stored settings (null removes a key); the result is validated as a whole',
  example: { delivery: { perHour: 5 }, ai: { enabled: true } },
});

const routes = {
  get: apiRoute({
    method: 'get',
    path: '/api/v1/settings',
    tags: ['settings'],
    summary: "The team's settings (managers and admins)",
    responses: { 200: { description: 'Settings', content: json(SettingsBody) } },
    errors: { 403: 'An agent key of a non-manager' },
  }),
  patch: apiRoute({
    method: 'patch',
    path: '/api/v1/settings',
    tags: ['settings'],
    summary: 'Change settings; an unknown or misspelled key is 422 naming it',
    request: { body: { content: json(SettingsPatch), required: true } },
    responses: { 200: { description: 'Settings after the change', content: json(SettingsBody) } },
    errors: { 403: 'An agent key of a non-manager' },
  }),
};

const body = (tenant: { settings: unknown; storedSettings: unknown }) => ({
  settings: tenant.settings as Record<string, unknown>,
  stored: (tenant.storedSettings ?? {}) as Record<string, unknown>,
});

/** `GET|PATCH /api/v1/settings`: one audited use case per change, the same one the CLI and chat use. */
export function apiSettingsRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(routes.get, async (c) => {
    requireManager(c.get('principal'));
    const tenant = await getTenant(runtime.db, c.get('tenantId'));
    if (!tenant) throw new AppError('not_found', 'No such tenant');
    return c.json(body(tenant), 200);
  });
  app.openapi(routes.patch, async (c) => {
    const principal = c.get('principal');
    requireManager(principal);
    const tenant = await updateTenantSettings(runtime, {
      tenantId: c.get('tenantId'),
      actor: settingsActorOf(principal),
      change: { patch: c.req.valid('json') },
    });
    return c.json(body(tenant), 200);
  });
  return app;
}
