import { DateTime } from 'luxon';
import { Weekday } from '../../../core/alerts/working-hours.ts';
import type { TriggerEvent } from '../../../core/automations/automation-trigger.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { listAutomationRules, type StoredAutomationRule } from '../../queries/automations/automation-rules.ts';
import { leadIdsAfter, quietLeads } from '../../queries/automations/quiet-leads.ts';
import { advanceSchedulePass, openSchedulePass } from '../../queries/automations/schedule-passes.ts';
import type { Tenant } from '../../queries/tenants.ts';
import { fireAutomationTrigger } from './fire-automation-trigger.ts';

export const TIMED_EVENTS: readonly TriggerEvent[] = ['no_inbound', 'no_human_contact', 'schedule'];
const PAGE = 200;
/** A silence found this late is still news (a worker down for a day catches up); older ones are not re-sent. */
const LOOKBACK_MS = 2 * 86_400_000;

type Deps = { db: Db; queue: JobQueue; clock: Clock };

/**
 * The time-based rules of one team, on every `automation.tick`: leads whose silence reached a rule's threshold
 * (each quiet spell once), and scheduled rules whose time has come today in the team's zone (one pass per day
 * over her leads, resumable from its cursor). Returns how many runs started.
 * @example await tickAutomations({ db, queue, clock }, tenant)
 */
export async function tickAutomations(deps: Deps, tenant: Tenant): Promise<number> {
  const rules = (await listAutomationRules(deps.db, tenant.id)).filter(
    (r) => r.enabled && TIMED_EVENTS.includes(r.rule.when.event),
  );
  let started = 0;
  for (const stored of rules) {
    const when = stored.rule.when;
    if (when.event === 'schedule') started += await schedulePass(deps, tenant, stored);
    else if (when.event === 'no_inbound' || when.event === 'no_human_contact')
      started += await quietPass(deps, tenant, stored, when.event === 'no_inbound' ? when.days * 24 : when.hours);
  }
  return started;
}

async function quietPass(deps: Deps, tenant: Tenant, stored: StoredAutomationRule, hours: number): Promise<number> {
  const now = deps.clock.now();
  const event = stored.rule.when.event as 'no_inbound' | 'no_human_contact';
  const threshold = new Date(now.getTime() - hours * 3_600_000);
  let started = 0;
  for (;;) {
    const page = await quietLeads(deps.db, {
      tenantId: tenant.id,
      kind: event,
      ruleId: stored.ruleId,
      threshold,
      lookback: new Date(threshold.getTime() - LOOKBACK_MS),
      limit: PAGE,
    });
    for (const lead of page) {
      const [result] = await fireAutomationTrigger(deps, {
        tenantId: tenant.id,
        leadId: lead.leadId,
        rules: [stored],
        lane: 'bulk',
        trigger: { event, occurrence: lead.occurrence, at: now.toISOString() },
      });
      if (result?.outcome === 'started') started++;
    }
    // Each lead handled now has a run (started or skipped) for this silence, so the next page is new leads.
    if (page.length < PAGE) return started;
  }
}

async function schedulePass(deps: Deps, tenant: Tenant, stored: StoredAutomationRule): Promise<number> {
  const when = stored.rule.when;
  if (when.event !== 'schedule') return 0;
  const now = deps.clock.now();
  const local = DateTime.fromJSDate(now, { zone: tenant.timezone });
  const day = Weekday.options[local.weekday - 1];
  if (when.days && !when.days.includes(day)) return 0;
  if (local.toFormat('HH:mm') < when.at) return 0;
  const occurrence = `schedule:${local.toISODate()}`;
  const pass = await openSchedulePass(deps.db, { tenantId: tenant.id, ruleId: stored.ruleId, occurrence, now });
  if (!pass) return 0;
  let cursor = pass.cursor;
  let started = 0;
  for (;;) {
    const ids = await leadIdsAfter(deps.db, { tenantId: tenant.id, cursor, limit: PAGE });
    for (const leadId of ids) {
      const [result] = await fireAutomationTrigger(deps, {
        tenantId: tenant.id,
        leadId,
        rules: [stored],
        lane: 'bulk',
        trigger: { event: 'schedule', occurrence, at: now.toISOString() },
        recordSkips: false,
      });
      if (result?.outcome === 'started') started++;
    }
    cursor = ids.at(-1) ?? cursor;
    const done = ids.length < PAGE;
    await advanceSchedulePass(deps.db, pass, { cursor, doneAt: done ? now : null });
    if (done) return started;
  }
}
