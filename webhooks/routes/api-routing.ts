import { loadRoutingRules } from '../../db/queries/routing.ts';
import { replaceRoutingTable } from '../../db/use-cases/routing/replace-routing-table.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { routingRuleRoutes } from '../api/routing-rule-routes.ts';

/**
 * `GET /api/v1/routing-rules` → `{"rules":[…],"default":bool}`; `PUT` with `{"rules":[…]}` (or a
 * bare list) replaces the whole table after validation; a bad table changes nothing.
 */
export function apiRoutingRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(routingRuleRoutes.get, async (c) => {
    const { rules, isDefault } = await loadRoutingRules(runtime.db, c.get('tenantId'));
    return c.json({ rules, default: isDefault }, 200);
  });
  app.openapi(routingRuleRoutes.replace, async (c) => {
    const body = c.req.valid('json');
    const rules = await replaceRoutingTable(runtime, {
      tenantId: c.get('tenantId'),
      rules: Array.isArray(body) ? body : body.rules,
    });
    return c.json({ rules, default: false }, 200);
  });
  return app;
}
