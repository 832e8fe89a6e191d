import { and, asc, desc, eq, gte, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { ActivityKind, type LeadSnapshot, type SnapshotActivity } from '../../../core/scoring/lead-snapshot.ts';
import type { Clock } from '../../../core/time/clock.ts';
import { leadActivities, leads, opportunities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Lead, LeadActivity } from '../leads.ts';

/** Scoring looks back this far; older activity changes no feature (every window is ≤ 30 days, caps ≤ 90). */
export const SNAPSHOT_WINDOW_DAYS = 90;
const DAY = 86_400_000;

/** Statuses a buyer could still act on. */
const LIVE_STATUSES = sql`('Active', 'Coming Soon', 'ComingSoon')`;

/**
 * Listings the lead could buy today: active, within budget, in their areas (city or postal code),
 * with enough bedrooms. A lead with neither budget nor areas has no criteria to count against, so
 * the matching engine's verdicts (distinct matched listings) stand in.
 */
const matchingListingCount: SQL<number> = sql<number>`case
  when ${leads.budgetMax} is null and cardinality(${leads.areas}) = 0 then
    (select count(distinct m.listing_key)::int from matches m where m.lead_id = ${leads.id})
  else
    (select count(*)::int from listings li
      where li.tenant_id = ${leads.tenantId} and li.standard_status in ${LIVE_STATUSES}
        and (${leads.budgetMax} is null or li.list_price <= ${leads.budgetMax})
        and (${leads.budgetMin} is null or li.list_price >= ${leads.budgetMin})
        and (${leads.beds} is null or li.bedrooms_total >= ${leads.beds})
        and (cardinality(${leads.areas}) = 0 or exists (
          select 1 from unnest(${leads.areas}) a where lower(a) = lower(li.city) or a = li.postal_code)))
  end`;

const savedSearchCount: SQL<number> = sql<number>`(select count(*)::int from saved_searches s
  where s.lead_id = ${leads.id} and s.active)`;

export interface OpportunityState {
  stage: string | null;
  /** open | won | lost | abandoned; a recorded outcome wins over a later status edit. */
  status: string | null;
  /** When the outcome was recorded (or the deal last changed, for older rows). */
  closedAt: Date | null;
}

export interface LoadedLead {
  lead: Lead;
  snapshot: LeadSnapshot;
  opportunity: OpportunityState | null;
}

/**
 * One lead as scoring sees it now: the row, the last 90 days of activity, saved searches,
 * matching listings and the latest opportunity. `lock` takes the row lock so two re-scores of the
 * same lead run one after the other and the second sees the first one's score.
 */
export async function loadLeadSnapshot(
  db: Executor,
  tenantId: string,
  leadId: string,
  clock: Clock,
  options: { lock?: boolean } = {},
): Promise<LoadedLead | undefined> {
  const query = db
    .select({ lead: leads, matching: matchingListingCount, searches: savedSearchCount })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), isNull(leads.deletedAt)));
  const [row] = options.lock ? await query.for('update', { of: leads }) : await query;
  if (!row) return undefined;
  const since = new Date(clock.now().getTime() - SNAPSHOT_WINDOW_DAYS * DAY);
  const activities = await db
    .select()
    .from(leadActivities)
    .where(
      and(
        eq(leadActivities.leadId, leadId),
        eq(leadActivities.tenantId, tenantId),
        gte(leadActivities.occurredAt, since),
      ),
    )
    .orderBy(asc(leadActivities.occurredAt));
  const [opp] = await db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.leadId, leadId), isNull(opportunities.deletedAt)))
    .orderBy(desc(opportunities.updatedAt))
    .limit(1);
  const opportunity = opp ? opportunityState(opp) : null;
  return {
    lead: row.lead,
    opportunity,
    snapshot: toSnapshot(row.lead, activities, row.searches, row.matching, opportunity),
  };
}

/**
 * Every lead of a tenant with its whole activity history, for training: the caller picks each
 * lead's "as of" moment and trims. Three queries whatever the tenant's size.
 */
export async function loadTenantSnapshots(db: Executor, tenantId: string): Promise<LoadedLead[]> {
  const rows = await db
    .select({ lead: leads, matching: matchingListingCount, searches: savedSearchCount })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), isNull(leads.deletedAt)));
  const activities = await db
    .select()
    .from(leadActivities)
    .where(eq(leadActivities.tenantId, tenantId))
    .orderBy(asc(leadActivities.occurredAt));
  const opps = await db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), isNotNull(opportunities.leadId), isNull(opportunities.deletedAt)))
    .orderBy(asc(opportunities.updatedAt));
  const byLead = new Map<string, LeadActivity[]>();
  for (const a of activities) {
    const list = byLead.get(a.leadId);
    if (list) list.push(a);
    else byLead.set(a.leadId, [a]);
  }
  // Ascending order: the last one written per lead is its latest opportunity.
  const latestOpp = new Map(opps.map((o) => [o.leadId!, opportunityState(o)]));
  return rows.map(({ lead, matching, searches }) => {
    const opportunity = latestOpp.get(lead.id) ?? null;
    return {
      lead,
      opportunity,
      snapshot: toSnapshot(lead, byLead.get(lead.id) ?? [], searches, matching, opportunity),
    };
  });
}

function opportunityState(o: typeof opportunities.$inferSelect): OpportunityState {
  return {
    stage: o.stageId,
    status: o.outcome ?? o.status,
    closedAt: o.outcomeAt ?? o.crmUpdatedAt ?? o.updatedAt,
  };
}

function toSnapshot(
  lead: Lead,
  rows: LeadActivity[],
  searches: number,
  matching: number,
  opportunity: OpportunityState | null,
): LeadSnapshot {
  const activities: SnapshotActivity[] = [];
  for (const a of rows) {
    // Kinds scoring does not know (notes from other CRMs, future kinds) carry no signal; skip them.
    const kind = ActivityKind.safeParse(a.kind);
    if (!kind.success) continue;
    activities.push({
      kind: kind.data,
      direction: a.direction,
      human: a.human,
      occurredAt: a.occurredAt,
      recordedAt: a.createdAt,
      ...(a.listingKey ? { listingKey: a.listingKey } : {}),
      ...(a.body ? { body: a.body } : {}),
    });
  }
  return {
    leadId: lead.id,
    source: lead.source,
    preApproved: lead.preApproved,
    budgetMin: lead.budgetMin,
    budgetMax: lead.budgetMax,
    timelineMonths: lead.timelineMonths,
    areas: lead.areas,
    beds: lead.beds,
    tags: lead.tags,
    createdAt: lead.createdAt,
    lastHumanContactAt: lead.lastHumanContactAt,
    activities,
    savedSearchCount: Number(searches) || 0,
    matchingListingCount: Number(matching) || 0,
    opportunity: opportunity ? { stage: opportunity.stage, status: opportunity.status } : null,
  };
}
