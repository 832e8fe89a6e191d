import { automationOverview } from '../../db/queries/automations/automation-overview.ts';
import { patchAutomationRule } from '../../db/use-cases/automations/patch-automation-rule.ts';
import { saveAutomationRules } from '../../db/use-cases/automations/save-automation-rules.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { automationRoutes } from '../api/automation-routes.ts';
import { requireManager, settingsActorOf } from '../middleware/tenant-api-key.ts';

/**
 * `GET /api/v1/automations` → `{"rules","state"}`; `PUT` replaces the whole set (what GET answered is a
 * valid body); `PATCH /api/v1/automations/:ruleId` changes one rule. Writes are for managers and admins.
 */
export function apiAutomationRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(automationRoutes.list, async (c) => c.json(await automationOverview(runtime.db, c.get('tenantId')), 200));
  app.openapi(automationRoutes.replace, async (c) => {
    const principal = c.get('principal');
    requireManager(principal);
    const body = c.req.valid('json');
    const tenantId = c.get('tenantId');
    const changes = await saveAutomationRules(runtime, {
      tenantId,
      rules: Array.isArray(body) ? body : body.rules,
      actor: settingsActorOf(principal),
      mode: 'replace',
    });
    return c.json({ changes, ...(await automationOverview(runtime.db, tenantId)) }, 200);
  });
  app.openapi(automationRoutes.patch, async (c) => {
    const principal = c.get('principal');
    requireManager(principal);
    const tenantId = c.get('tenantId');
    const { ruleId } = c.req.valid('param');
    const saved = await patchAutomationRule(runtime, {
      tenantId,
      ruleId,
      patch: c.req.valid('json'),
      actor: settingsActorOf(principal),
    });
    const overview = await automationOverview(runtime.db, tenantId);
    const at = overview.state.findIndex((s) => s.ruleId === ruleId);
    return c.json({ ...saved, rule: overview.rules[at], state: overview.state[at] }, 200);
  });
  return app;
}
