import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { getAutomationRule } from '../../queries/automations/automation-rules.ts';
import { automationRunsOfLead, endActiveRuns } from '../../queries/automations/automation-runs.ts';

/**
 * A lead who replies leaves every sequence that exits on replies at once, so `/lead` says so and her next step
 * never runs (the waking step checks again, in case the reply landed while it ran).
 */
export async function exitRunsOnReply(
  deps: { db: Db | Tx; queue: JobQueue; clock: Clock },
  input: { tenantId: string; leadId: string },
): Promise<number> {
  const active = await automationRunsOfLead(deps.db, { ...input, statuses: ['active'], limit: 100 });
  let ended = 0;
  for (const run of active) {
    const stored = await getAutomationRule(deps.db, input.tenantId, run.ruleId);
    if (!stored?.rule.exitWhen.includes('replied')) continue;
    const now = deps.clock.now();
    const reason = 'the lead replied';
    const rows = await deps.db.transaction((tx) =>
      endActiveRuns(tx, { ...input, ruleId: run.ruleId, status: 'exited', reason, now }),
    );
    ended += rows.length;
  }
  return ended;
}
