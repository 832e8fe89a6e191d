import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';
import type { Metrics } from '../../../core/observability/metrics.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { leadsToSweep, markSwept, type SweepCursor } from '../../queries/leads/sweep-page.ts';
import { readTeam, scoreLead } from './score-lead.ts';

/** Leads re-scored per `lead.sweep` job: a crash costs at most one page, and a page ends well inside its expiry. */
export const SWEEP_PAGE_SIZE = 500;
export const SWEEP_TRIGGER = 'sweep';
/** Re-scores in flight at once within a page (the pool holds 10 connections by default). */
const SWEEP_CONCURRENCY = 4;

export interface SweepPageResult {
  /** Leads of this page the sweep re-scored. */
  swept: number;
  /** Of those, how many scores moved. */
  changed: number;
  /** Alerts the re-scores raised (stale leads, a crossing into hot). */
  alertsRaised: number;
  /** Where the next page starts, when one was queued. */
  next: SweepCursor | null;
}

/**
 * One page of a team's daily sweep: each lead whose score can move with time alone is re-scored through
 * `scoreLead` (decay, signals, alerts and their routing, audit: the same path as an event's re-score, with the
 * team and its model read once a page, and no audit line for a lead whose score did not move), then the
 * page is marked swept for the team's local `day` and the next page queued, in one transaction. A sweep
 * repeated the same day finds nothing left to do; a crash mid-page re-scores that page's leads again on retry,
 * which raises nothing twice (alerts are deduped by key).
 * @example await sweepLeadPage({ db, queue, clock }, { tenantId, day: '2026-03-10' })
 */
export async function sweepLeadPage(
  deps: { db: Db; queue: JobQueue; clock: Clock; metrics?: Metrics },
  input: { tenantId: string; day: string; after?: SweepCursor; pageSize?: number },
): Promise<SweepPageResult> {
  const limit = input.pageSize ?? SWEEP_PAGE_SIZE;
  const page = await leadsToSweep(deps.db, { ...input, now: deps.clock.now(), limit });
  // Read once for the page: 500 re-scores of one team share its settings and model.
  const team = page.length ? await readTeam(deps.db, input.tenantId) : undefined;
  let changed = 0;
  let alertsRaised = 0;
  // A re-score is a handful of short round trips: a few at once keep the database busy instead of waiting on
  // it, while leaving the pool's other connections to the fast lane. Each locks only its own lead row.
  let cursor = 0;
  const worker = async () => {
    for (let i = cursor++; i < page.length; i = cursor++) {
      const leadId = page[i].id;
      const result = await scoreLead(deps, {
        tenantId: input.tenantId,
        leadId,
        trigger: SWEEP_TRIGGER,
        lane: 'bulk',
        team,
        auditOnlyChanges: true,
      });
      if (!result) continue;
      if (result.previousScore !== result.score.score) changed++;
      alertsRaised += result.signals.filter((s) => s.outcome === 'raised').length;
    }
  };
  await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, worker));
  const last = page.at(-1);
  const next = last && page.length === limit ? { createdAt: last.createdAt.toISOString(), id: last.id } : null;
  await deps.db.transaction(async (tx) => {
    await markSwept(
      tx,
      input.tenantId,
      page.map((l) => l.id),
      input.day,
    );
    if (next)
      await deps.queue.enqueue(
        'lead.sweep',
        { tenantId: input.tenantId, day: input.day, after: next },
        { tx, priority: LANE_PRIORITY.bulk },
      );
  });
  return { swept: page.length, changed, alertsRaised, next };
}
