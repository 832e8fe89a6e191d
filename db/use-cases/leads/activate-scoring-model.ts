import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';
import { listLeadIds } from '../../queries/leads/lead-list.ts';
import { activateModel, type ScoringModelRow } from '../../queries/scoring-models.ts';

/** Re-scores after a model switch are bookkeeping, not lead behaviour: they store scores but raise nothing. */
export const MODEL_ACTIVATED_TRIGGER = 'model.activated';

export interface ActivateScoringModelInput {
  tenantId: string;
  version: number;
  /** Why, for the audit trail and `porchlight model list`. */
  reason: string;
  /** Who decided: `cli` by hand, `model.train` after a hold-out win. */
  actor: string;
}

/**
 * Makes a stored version the tenant's active model and queues a re-score of every live lead in the
 * same transaction: a live model always comes with the re-scores that make scores say so. Given an
 * open transaction (training stores and activates at once), it runs inside it.
 */
export async function activateScoringModel(
  deps: { db: Executor; queue: JobQueue; clock: Clock },
  input: ActivateScoringModelInput,
): Promise<{ model: ScoringModelRow; rescored: number }> {
  return deps.db.transaction(async (tx) => {
    const model = await activateModel(tx, { ...input, at: deps.clock.now() });
    const leadIds = await listLeadIds(tx, input.tenantId);
    await deps.queue.enqueueMany(
      'lead.score',
      leadIds.map((leadId) => ({ tenantId: input.tenantId, leadId, trigger: MODEL_ACTIVATED_TRIGGER })),
      { tx },
    );
    return { model, rescored: leadIds.length };
  });
}
