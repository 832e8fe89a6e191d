import { describe, expect, it } from 'vitest';
import { labelOutcome } from '../../core/scoring/label-outcome.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { loadTenantSnapshots } from '../../db/queries/leads/lead-snapshot.ts';
import { actOnAlert } from '../../db/use-cases/alerts/act-on-alert.ts';
import { makeAgent, makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

describe('outcomes from chat feed the training labels', () => {
  it('a lead with no CRM opportunity is labelled won after her alert is marked won, lost after lost', async () => {
    const rt = await createTestRuntime();
    const { tenant } = await makeTenant(rt);
    const dev = await makeAgent(rt, tenant.id);
    const [ana, ben, eve] = [
      await makeLead(rt, tenant.id),
      await makeLead(rt, tenant.id),
      await makeLead(rt, tenant.id),
    ];
    const close = async (leadId: string, outcome: 'win' | 'lose') => {
      const alert = (await insertAlert(rt.db, {
        tenantId: tenant.id,
        kind: 'hot_lead',
        priority: 'high',
        leadId,
        listingKey: null,
        dedupeKey: `hot:${leadId}`,
        reason: 'hot',
        expiresAt: new Date(Date.now() + 86_400_000),
      }))!;
      const actor = { id: dev.id, role: 'agent' } as const;
      await actOnAlert(rt, { tenantId: tenant.id, alertId: alert.id, action: { type: 'claim' }, actor });
      await actOnAlert(rt, { tenantId: tenant.id, alertId: alert.id, action: { type: outcome }, actor });
    };
    await close(ana.id, 'win');
    await close(ben.id, 'lose');

    const labels = Object.fromEntries(
      (await loadTenantSnapshots(rt.db, tenant.id)).map((l) => [l.lead.id, labelOutcome(l.snapshot, rt.clock)]),
    );
    expect(labels).toEqual({ [ana.id]: 1, [ben.id]: 0, [eve.id]: null });
  });
});
