import { AppError } from '../../../core/errors/app-error.ts';
import { MESSAGE_STEPS, waitMs, type AutomationStep } from '../../../core/automations/automation-action.ts';
import { exitReason } from '../../../core/automations/run-decisions.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { loadAutomationLead } from '../../queries/automations/automation-lead.ts';
import { getAutomationRule } from '../../queries/automations/automation-rules.ts';
import {
  insertAutomationStep,
  lockAutomationRun,
  stepsOfRun,
  updateAutomationRun,
  type AutomationRunRow,
} from '../../queries/automations/automation-runs.ts';
import { sinceRunStart } from '../../queries/automations/since-run-start.ts';
import { getTenant, listAgents } from '../../queries/tenants.ts';
import type { Reach } from '../deliveries/reach.ts';
import { automationTemplateValues, type AutomationListingUrl } from './automation-template-values.ts';
import { performAutomationAction, type ActionOutcome, type AutomationEmailFrame } from './perform-automation-action.ts';

export interface AutomationStepDeps {
  db: Db;
  queue: JobQueue;
  clock: Clock;
  reach: Reach;
  listingUrl?: AutomationListingUrl;
  emailFrame?: AutomationEmailFrame;
}

type StepResult = { next: number } | { done: string };

/**
 * Runs a run's steps from `position` on, each in its own transaction under the run's row lock, until a wait
 * (queued as a delayed `automation.step`) or the end. Every wake re-reads the rule's current version (a
 * disabled or removed rule ends the run; an edited one goes on with its new steps) and the exit conditions,
 * so a lead who replied leaves before the next step. A redelivered job finds the run already past its
 * position and does nothing.
 * @example await runAutomationStep(deps, { tenantId, runId, position: 0 }) // 'completed'
 */
export async function runAutomationStep(
  deps: AutomationStepDeps,
  input: { tenantId: string; runId: string; position: number; lane?: Lane },
): Promise<string> {
  let position = input.position;
  for (;;) {
    const result = await deps.db.transaction((tx) => stepOnce(tx, deps, { ...input, position }));
    if ('done' in result) return result.done;
    position = result.next;
  }
}

async function stepOnce(
  tx: Tx,
  deps: AutomationStepDeps,
  input: { tenantId: string; runId: string; position: number; lane?: Lane },
): Promise<StepResult> {
  const run = await lockAutomationRun(tx, input.tenantId, input.runId);
  // The job's position is where the run stood when it was queued: a retry after some steps committed (or a
  // replay from the dead-letter queue) goes on from where the run is now. Each step locks the run and moves it
  // on in its own transaction, so two jobs of one run never do a step twice.
  if (!run || run.status !== 'active' || run.position < input.position) return { done: 'stale' };
  const now = deps.clock.now();
  const end = async (status: string, reason: string | null): Promise<StepResult> => {
    await updateAutomationRun(tx, run.id, { status, reason, nextAt: null, endedAt: now, updatedAt: now });
    return { done: status };
  };
  const stored = await getAutomationRule(tx, run.tenantId, run.ruleId);
  if (!stored || stored.deletedAt) return end('cancelled', 'rule removed');
  if (!stored.enabled) return end('cancelled', 'rule disabled');
  const rule = stored.rule;
  // `rule_version` stays the version the run started under (its identity); its steps follow the current one.
  if (run.steps !== rule.then.length)
    await updateAutomationRun(tx, run.id, { steps: rule.then.length, updatedAt: now });
  if (run.position >= rule.then.length) return end('completed', null);
  const tenant = await getTenant(tx, run.tenantId);
  const loaded = tenant && (await loadAutomationLead(tx, tenant, run.leadId, now));
  if (!tenant || !loaded) return end('cancelled', 'the lead is gone');
  const step = rule.then[run.position];
  // An opt-out is recorded on the message step it stops (STOP suppresses and says so); other exits end the run first.
  const since = await sinceRunStart(tx, {
    tenantId: tenant.id,
    leadId: run.leadId,
    facts: loaded.facts,
    since: run.startedAt,
    optedOutAtStart: run.optedOutAtStart,
  });
  const exits = MESSAGE_STEPS.has(step.do) ? rule.exitWhen.filter((e) => e !== 'opted_out') : rule.exitWhen;
  const exit = exitReason(exits, since);
  if (exit) return end('exited', exit);

  const record = (outcome: ActionOutcome) =>
    insertAutomationStep(tx, {
      tenantId: tenant.id,
      runId: run.id,
      leadId: run.leadId,
      ruleId: run.ruleId,
      position: run.position,
      action: step.do,
      status: outcome.status,
      detail: outcome.detail,
      message: outcome.message ?? false,
      deliveryId: outcome.deliveryId ?? null,
      effect: outcome.effect ?? null,
      at: now,
    });
  const lane = input.lane ?? 'fast';
  if (step.do === 'wait') {
    // The run stays on its wait ("step 2 of 3, next Dec 4") until the delayed job for the same position wakes.
    const waited = (await stepsOfRun(tx, tenant.id, run.id)).some(
      (s) => s.position === run.position && s.action === 'wait',
    );
    if (waited && run.nextAt && run.nextAt > now) {
      // Woken early (the database's clock ahead of ours, or a replay): sleep again, at least a few seconds.
      const seconds = Math.max(5, Math.ceil((run.nextAt.getTime() - now.getTime()) / 1000));
      await deps.queue.enqueue(
        'automation.step',
        { tenantId: tenant.id, runId: run.id, position: run.position },
        { tx, startAfter: seconds, priority: LANE_PRIORITY[lane] },
      );
      return { done: 'waiting' };
    }
    if (!waited) {
      const nextAt = new Date(now.getTime() + waitMs(step));
      await record({ status: 'done', detail: `waited until ${nextAt.toISOString()}` });
      await updateAutomationRun(tx, run.id, { nextAt, updatedAt: now });
      await deps.queue.enqueue(
        'automation.step',
        { tenantId: tenant.id, runId: run.id, position: run.position },
        { tx, startAfter: nextAt, priority: LANE_PRIORITY[lane] },
      );
      return { done: 'waiting' };
    }
    return advance(tx, run, rule.then.length, now);
  }
  // Her assignee here, else the agent linked to her GHL owner (a new contact is assigned in GHL first).
  const team = (await listAgents(tx, tenant.id)).filter((a) => a.active);
  const agent =
    team.find((a) => a.id === loaded.lead.assigneeId) ??
    (loaded.lead.ghlAssignedTo ? team.find((a) => a.ghlUserId === loaded.lead.ghlAssignedTo) : undefined);
  const values = await automationTemplateValues(tx, {
    tenant,
    lead: loaded.lead,
    agent,
    listingKey: typeof run.trigger.listingKey === 'string' ? run.trigger.listingKey : null,
    openHouseKey: typeof run.trigger.openHouseKey === 'string' ? run.trigger.openHouseKey : null,
    listingUrl: deps.listingUrl,
  });
  const outcome: ActionOutcome = await performAutomationAction(
    tx,
    {
      deps,
      tenant,
      lead: loaded.lead,
      facts: loaded.facts,
      agent,
      run: run,
      rule,
      position: run.position,
      values,
      lane,
      now,
    },
    step as Exclude<AutomationStep, { do: 'wait' }>,
  ).catch((error: unknown) => {
    // A step its own data makes impossible (a rendered task title GHL would refuse) is recorded as failed and
    // the run goes on; anything else (the database, a lock) throws and the job retries.
    if (error instanceof AppError && error.code === 'validation_failed')
      return { status: 'failed' as const, detail: error.message };
    throw error;
  });
  await record(outcome);
  if (outcome.exit) return end('exited', outcome.exit);
  return advance(tx, run, rule.then.length, now);
}

async function advance(tx: Tx, run: AutomationRunRow, steps: number, now: Date): Promise<StepResult> {
  const next = run.position + 1;
  if (next >= steps) {
    await updateAutomationRun(tx, run.id, {
      position: next,
      status: 'completed',
      nextAt: null,
      endedAt: now,
      updatedAt: now,
    });
    return { done: 'completed' };
  }
  await updateAutomationRun(tx, run.id, { position: next, nextAt: now, updatedAt: now });
  return { next };
}
