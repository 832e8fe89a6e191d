import { triggerMatches, TriggerOccurrence, type ParsedTrigger } from '../../../core/automations/automation-trigger.ts';
import { decideRunStart, type StartDecision } from '../../../core/automations/run-decisions.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import { localDateIn } from '../../../core/messaging/digest-window.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { loadAutomationLead } from '../../queries/automations/automation-lead.ts';
import { enabledRulesFor, type StoredAutomationRule } from '../../queries/automations/automation-rules.ts';
import { automationMadeEffect, insertAutomationRun } from '../../queries/automations/automation-runs.ts';
import { getTenant } from '../../queries/tenants.ts';
import { optedOutNow } from '../../queries/automations/since-run-start.ts';

export interface FireTriggerResult {
  ruleId: string;
  outcome: 'started' | 'skipped' | 'already';
  reason?: string;
  runId?: string;
}

/** The change an event reports, as steps record theirs: an echo of a rule's own change is not news to it. */
export const effectOf = (t: Pick<ParsedTrigger, 'event' | 'tag' | 'stageId'>): string | null =>
  t.event === 'tag_added' || t.event === 'tag_removed'
    ? `${t.event}:${(t.tag ?? '').toLowerCase()}`
    : t.event === 'stage_changed' && t.stageId
      ? `stage_changed:${t.stageId}`
      : null;

/**
 * One event for one lead against the team's enabled rules: each rule whose `when` takes it and whose `if` holds
 * starts a run (its first step queued in the same transaction); a rule that declines records why (conditions,
 * loop). A run is unique per (rule version, lead, occurrence), so a redelivered event starts nothing more.
 * @example await fireAutomationTrigger(deps, { tenantId, leadId, trigger: { event: 'lead_created', ... } })
 */
export async function fireAutomationTrigger(
  deps: { db: Db | Tx; queue: JobQueue; clock: Clock },
  input: {
    tenantId: string;
    leadId: string;
    trigger: TriggerOccurrence;
    lane?: Lane;
    /** Only these rules (the tick hands in the one it is walking); else the team's enabled rules for the event. */
    rules?: StoredAutomationRule[];
    /** false: a lead the rule declines leaves no row (a daily schedule over every lead would write one each). */
    recordSkips?: boolean;
  },
): Promise<FireTriggerResult[]> {
  const { db, clock } = deps;
  const trigger = TriggerOccurrence.parse(input.trigger);
  const tenant = await getTenant(db, input.tenantId);
  if (!tenant) return [];
  const now = clock.now();
  const rules = (input.rules ?? (await enabledRulesFor(db, tenant.id, trigger.event))).filter((r) =>
    triggerMatches(r.rule.when, trigger),
  );
  if (!rules.length) return [];
  const loaded = await loadAutomationLead(db, tenant, input.leadId, now);
  if (!loaded) return [];
  const today = localDateIn(now, tenant.timezone);
  const results: FireTriggerResult[] = [];
  for (const stored of rules) {
    const decision = await startDecision(db, stored, trigger, { tenantId: tenant.id, leadId: input.leadId, now }, () =>
      decideRunStart(stored.rule, trigger, loaded.facts, today),
    );
    if (!decision.start && input.recordSkips === false) {
      results.push({ ruleId: stored.ruleId, outcome: 'skipped', reason: decision.reason });
      continue;
    }
    const started = await db.transaction(async (tx) => {
      const run = await insertAutomationRun(tx, {
        tenantId: tenant.id,
        ruleId: stored.ruleId,
        ruleVersion: stored.version,
        leadId: input.leadId,
        occurrence: trigger.occurrence,
        trigger: trigger as unknown as Record<string, unknown>,
        status: decision.start ? 'active' : 'skipped',
        reason: decision.start ? null : decision.reason,
        steps: stored.rule.then.length,
        causedBy: trigger.causedBy,
        optedOutAtStart: optedOutNow(loaded.facts),
        startedAt: now,
        nextAt: decision.start ? now : null,
        endedAt: decision.start ? null : now,
        updatedAt: now,
      });
      if (run && decision.start)
        await deps.queue.enqueue(
          'automation.step',
          { tenantId: tenant.id, runId: run.id, position: 0 },
          { tx, priority: LANE_PRIORITY[input.lane ?? 'fast'] },
        );
      return run;
    });
    if (!started) results.push({ ruleId: stored.ruleId, outcome: 'already' });
    else if (decision.start) results.push({ ruleId: stored.ruleId, outcome: 'started', runId: started.id });
    else results.push({ ruleId: stored.ruleId, outcome: 'skipped', reason: decision.reason, runId: started.id });
  }
  return results;
}

/** Loop protection first (its own action, or the CRM's echo of it within the rule's window), then the rule's `if`. */
async function startDecision(
  db: Db | Tx,
  stored: StoredAutomationRule,
  trigger: ParsedTrigger,
  at: { tenantId: string; leadId: string; now: Date },
  decide: () => StartDecision,
): Promise<StartDecision> {
  const effect = effectOf(trigger);
  // An event from outside (a GHL webhook) that repeats a change an automation made for her within the window is
  // the CRM's echo of it: no rule starts on it. Our own changes reach the other rules as triggers of their own,
  // carrying the chain of rules that caused them.
  if (effect && trigger.causedBy.length === 0) {
    const since = new Date(at.now.getTime() - stored.rule.loopWindowHours * 3_600_000);
    if (await automationMadeEffect(db, { tenantId: at.tenantId, leadId: at.leadId, effect, since }))
      return { start: false, reason: `loop: an automation made this change (${effect}) within the window` };
  }

  return decide();
}
