import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { ActivityKind, type LeadSnapshot, type SnapshotActivity } from '../../../core/scoring/lead-snapshot.ts';
import type { Clock } from '../../../core/time/clock.ts';
import { alerts, leadActivities, leadFacts, leads, listings, opportunities } from '../../schema/index.ts';
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
// Qualified by hand: drizzle renders a single-table select's columns bare ("id"), and inside these subqueries a bare
// name resolves to the inner table first (saved_searches.id, listings.tenant_id), not to the lead.
const lead = (column: 'id' | 'tenant_id' | 'budget_min' | 'budget_max' | 'beds' | 'areas') =>
  sql.raw(`"leads"."${column}"`);

const matchingListingCount: SQL<number> = sql<number>`case
  when ${lead('budget_max')} is null and cardinality(${lead('areas')}) = 0 then
    (select count(distinct m.listing_key)::int from matches m where m.lead_id = ${lead('id')})
  else
    (select count(*)::int from listings li
      where li.tenant_id = ${lead('tenant_id')} and li.standard_status in ${LIVE_STATUSES}
        and (${lead('budget_max')} is null or li.list_price <= ${lead('budget_max')})
        and (${lead('budget_min')} is null or li.list_price >= ${lead('budget_min')})
        and (${lead('beds')} is null or li.bedrooms_total >= ${lead('beds')})
        and (cardinality(${lead('areas')}) = 0 or exists (
          select 1 from unnest(${lead('areas')}) a where lower(a) = lower(li.city) or a = li.postal_code)))
  end`;

const savedSearchCount: SQL<number> = sql<number>`(select count(*)::int from saved_searches s
  where s.lead_id = ${lead('id')} and s.active)`;

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
  // What she said is read as it stands now; training (below) leaves it out, since a past snapshot cannot know it.
  const facts = await db
    .select({ kind: leadFacts.kind, value: leadFacts.value, at: leadFacts.at, recordedAt: leadFacts.createdAt })
    .from(leadFacts)
    .where(and(eq(leadFacts.tenantId, tenantId), eq(leadFacts.leadId, leadId), isNull(leadFacts.supersededAt)));
  const snapshot = toSnapshot(row.lead, activities, row.searches, row.matching, opportunity);
  const areas = await savedListingAreas(db, tenantId, snapshot.activities);
  for (const a of snapshot.activities) {
    const area = a.kind === 'listing_save' && a.listingKey ? areas.get(a.listingKey) : undefined;
    if (area) a.area = area;
  }
  return { lead: row.lead, opportunity, snapshot: { ...snapshot, facts } };
}

/** Where each saved listing is (city, else postal code); one query, and none for a lead who saved nothing. */
async function savedListingAreas(
  db: Executor,
  tenantId: string,
  activities: SnapshotActivity[],
): Promise<Map<string, string>> {
  const saved = activities.flatMap((a) => (a.kind === 'listing_save' && a.listingKey ? [a.listingKey] : []));
  const keys = [...new Set(saved)];
  if (!keys.length) return new Map();
  const rows = await db
    .select({ listingKey: listings.listingKey, city: listings.city, postalCode: listings.postalCode })
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), inArray(listings.listingKey, keys)));
  return new Map(
    rows.flatMap((r) => {
      const area = r.city?.trim() || r.postalCode?.trim();
      return area ? [[r.listingKey, area] as const] : [];
    }),
  );
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
  const chatOutcomes = await alertOutcomes(db, tenantId);
  return rows.map(({ lead, matching, searches }) => {
    const opp = latestOpp.get(lead.id) ?? null;
    // A deal closed from chat (a Won/Lost button) labels a lead whose CRM has no closed opportunity to say so.
    const oppClosed = ['won', 'lost', 'abandoned'].includes(opp?.status?.toLowerCase() ?? '');
    const opportunity = oppClosed ? opp : (chatOutcomes.get(lead.id) ?? opp);
    return {
      lead,
      opportunity,
      snapshot: toSnapshot(lead, byLead.get(lead.id) ?? [], searches, matching, opportunity),
    };
  });
}

/** Each lead's latest alert closed as won or lost, as an outcome (oldest first, so the last one stands). */
async function alertOutcomes(db: Executor, tenantId: string): Promise<Map<string, OpportunityState>> {
  const closed = await db
    .select({ leadId: alerts.leadId, status: alerts.status, closedAt: alerts.closedAt })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.status, ['won', 'lost']), isNotNull(alerts.leadId)))
    .orderBy(asc(alerts.closedAt));
  return new Map(closed.map((a) => [a.leadId!, { stage: null, status: a.status, closedAt: a.closedAt }]));
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
