import { AppError } from '../../../core/errors/app-error.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { Db } from '../../client.ts';
import { recordAudit } from '../../queries/audit.ts';
import { endActiveRuns } from '../../queries/automations/automation-runs.ts';
import { getLead } from '../../queries/leads.ts';
import { automationActorName, type AutomationActor } from './save-automation-rules.ts';

/**
 * Takes one lead out of one sequence (or every sequence: no `ruleId`) by hand, the "manually stopped" exit: her
 * active runs end as `exited` with who stopped them, so their waiting steps do nothing when they wake. Agents may
 * do this too: it changes one lead's follow-up, not the team's rules.
 * @example await stopLeadAutomations(rt, { tenantId, leadId, ruleId: 'five-day-check-in', actor: { kind: 'cli' } })
 */
export async function stopLeadAutomations(
  deps: { db: Db; clock: Clock },
  input: { tenantId: string; leadId: string; ruleId?: string; actor: AutomationActor },
): Promise<{ stopped: Array<{ runId: string; ruleId: string }> }> {
  const now = deps.clock.now();
  const actor = automationActorName(input.actor);
  return deps.db.transaction(async (tx) => {
    if (!(await getLead(tx, input.tenantId, input.leadId)))
      throw new AppError('not_found', `No lead ${input.leadId} in this team`);
    const ended = await endActiveRuns(tx, {
      tenantId: input.tenantId,
      leadId: input.leadId,
      ...(input.ruleId ? { ruleId: input.ruleId } : {}),
      status: 'exited',
      reason: `stopped by ${actor}`,
      now,
    });
    if (ended.length)
      await recordAudit(tx, {
        tenantId: input.tenantId,
        entity: 'lead',
        entityId: input.leadId,
        action: 'automations_stopped',
        actor,
        reason: ended.map((r) => r.ruleId).join(', '),
        data: { runs: ended.map((r) => r.id) },
      });
    return { stopped: ended.map((r) => ({ runId: r.id, ruleId: r.ruleId })) };
  });
}
