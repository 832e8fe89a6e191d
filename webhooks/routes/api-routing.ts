import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../core/errors/app-error.ts';
import { loadRoutingRules, replaceRoutingRules, withRuleIds } from '../../db/queries/routing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

/**
 * `GET /api/v1/routing-rules` → `{"rules":[…],"default":bool}`; `PUT` with `{"rules":[…]}` (or a
 * bare list) replaces the whole table after validation; a bad table changes nothing.
 */
export function apiRoutingRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/routing-rules', tenantApiKey());
  app.get('/api/v1/routing-rules', async (c) => {
    const { rules, isDefault } = await loadRoutingRules(runtime.db, c.get('tenantId'));
    return c.json({ rules, default: isDefault });
  });
  app.put('/api/v1/routing-rules', async (c) => {
    // Ids are kept only for rules this tenant already has; see withRuleIds.
    const body = await c.req.json().catch(() => {
      throw new AppError('invalid_json', 'Body is not valid JSON');
    });
    const list = Array.isArray(body) ? body : (body as { rules?: unknown } | null)?.rules;
    const tenantId = c.get('tenantId');
    const rules = await runtime.db.transaction(async (tx) => {
      const existing = new Set((await loadRoutingRules(tx, tenantId)).rules.map((r) => r.id));
      return replaceRoutingRules(tx, tenantId, withRuleIds(list, existing, randomUUID));
    });
    return c.json({ rules, default: false });
  });
  return app;
}
