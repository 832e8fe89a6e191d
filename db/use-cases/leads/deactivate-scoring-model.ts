import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { listLeadIds } from '../../queries/leads/lead-list.ts';
import { deactivateModels } from '../../queries/scoring-models.ts';
import { MODEL_ACTIVATED_TRIGGER } from './activate-scoring-model.ts';

/**
 * Returns a tenant to the default model (`porchlight model deactivate`): the trained version stops
 * being active, audited, and every live lead is queued for a re-score in the same transaction, as
 * on activation (bookkeeping re-scores: they store scores, raise nothing). Nothing active: no-op.
 */
export async function deactivateScoringModel(
  deps: { db: Executor; queue: JobQueue; clock: Clock },
  input: { tenantId: string; reason: string; actor: string },
): Promise<{ deactivated: number | null; rescored: number }> {
  return deps.db.transaction(async (tx) => {
    const deactivated = await deactivateModels(tx, input);
    if (deactivated === null) return { deactivated, rescored: 0 };
    const leadIds = await listLeadIds(tx, input.tenantId);
    await deps.queue.enqueueMany(
      'lead.score',
      leadIds.map((leadId) => ({ tenantId: input.tenantId, leadId, trigger: MODEL_ACTIVATED_TRIGGER })),
      { tx },
    );
    return { deactivated, rescored: leadIds.length };
  });
}
