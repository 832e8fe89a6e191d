import { and, asc, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { leadActivities, leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { SNAPSHOT_WINDOW_DAYS } from './lead-snapshot.ts';

const DAY = 86_400_000;
/** `days_since_human_contact` stops moving here (core/scoring/feature-catalog.ts CAPS). */
const HUMAN_CONTACT_CAP_DAYS = 60;

/** Where a sweep stopped: the last lead of the page, in the (created_at, id) order of leads_tenant_created_idx. */
export interface SweepCursor {
  createdAt: string;
  id: string;
}

/**
 * One page of a team's leads the day's sweep has not re-scored yet and whose score can still move with time
 * alone: warm or hot (staleness is judged on them), never scored, created or active in scoring's 90-day window,
 * or last contacted by a person within 60 days. Anyone else has every time-dependent feature at its cap, so a
 * re-score could only repeat the stored score. Keyset-paged after `after`.
 * @example await leadsToSweep(db, { tenantId, day: '2026-03-10', now, limit: 500 })
 */
export async function leadsToSweep(
  db: Executor,
  input: { tenantId: string; day: string; now: Date; after?: SweepCursor; limit: number },
): Promise<Array<{ id: string; createdAt: Date }>> {
  const windowStart = new Date(input.now.getTime() - SNAPSHOT_WINDOW_DAYS * DAY);
  const contactStart = new Date(input.now.getTime() - HUMAN_CONTACT_CAP_DAYS * DAY);
  const recentActivity = sql`exists (select 1 from ${leadActivities} la
    where la.lead_id = ${leads.id} and la.occurred_at >= ${windowStart})`;
  const { after } = input;
  return db
    .select({ id: leads.id, createdAt: leads.createdAt })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, input.tenantId),
        isNull(leads.deletedAt),
        isNull(leads.forgottenAt),
        or(isNull(leads.sweptOn), lt(leads.sweptOn, input.day)),
        after
          ? or(
              gt(leads.createdAt, new Date(after.createdAt)),
              and(eq(leads.createdAt, new Date(after.createdAt)), gt(leads.id, after.id)),
            )
          : undefined,
        or(
          inArray(leads.temperature, ['warm', 'hot']),
          isNull(leads.scoredAt),
          gte(leads.createdAt, windowStart),
          gte(leads.lastHumanContactAt, contactStart),
          recentActivity,
        ),
      ),
    )
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(input.limit);
}

/** Marks leads swept for the team's local `day`; a later sweep that day skips them. */
export async function markSwept(db: Executor, tenantId: string, leadIds: string[], day: string): Promise<void> {
  if (leadIds.length === 0) return;
  await db
    .update(leads)
    .set({ sweptOn: day })
    .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, leadIds)));
}
