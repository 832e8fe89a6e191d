import { listTenants } from '../../db/queries/tenants.ts';
import { trainScoringModel } from '../../db/use-cases/leads/train-scoring-model.ts';
import { defineHandler } from '../handler.ts';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';

/** Nightly: every tenant (or the one named) trains; one tenant failing does not stop the others. */
export default defineHandler('model.train', async (data, { runtime }) => {
  // The nightly run fans out one job per tenant (singleton per tenant): training one team never
  // holds up another, and two runs cannot race for the same model version.
  if (!data.tenantId) {
    for (const tenant of await listTenants(runtime.db)) {
      await runtime.queue.enqueue(
        'model.train',
        { tenantId: tenant.id },
        { singletonKey: `train:${tenant.id}`, singletonSeconds: 3600, priority: LANE_PRIORITY.bulk },
      );
    }
    return;
  }
  const report = await trainScoringModel({ ...runtime, log: runtime.logger }, { tenantId: data.tenantId });
  if (report.status === 'too_few_labels') runtime.logger.info({ tenantId: data.tenantId }, report.message);
});
