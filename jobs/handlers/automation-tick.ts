import { tenantsWithRulesFor } from '../../db/queries/automations/automation-rules.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { TIMED_EVENTS, tickAutomations } from '../../db/use-cases/automations/tick-automations.ts';
import { defineHandler } from '../handler.ts';

/** Every 5 minutes: the time-based automations of each team that has any (see tickAutomations). */
export default defineHandler('automation.tick', async (data, { runtime }) => {
  const ids = data.tenantId ? [data.tenantId] : await tenantsWithRulesFor(runtime.db, TIMED_EVENTS);
  for (const id of ids) {
    const tenant = await getTenant(runtime.db, id);
    if (!tenant) continue;
    const started = await tickAutomations(runtime, tenant);
    if (started) runtime.logger.info({ tenantId: id, started }, 'time-based automations started');
  }
});
