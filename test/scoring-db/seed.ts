import { sql } from 'drizzle-orm';
import type { SyntheticLead } from '../../core/scoring/synthetic-outcomes.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';

export async function seedTenant(rt: Runtime, name = 'Oak Street Realty', settings: Record<string, unknown> = {}) {
  return createTenant(rt.db, { name, settings });
}

/**
 * Writes synthetic leads as the CRM would have left them: lead rows (ids kept, so the hold-out
 * split is the same every run), their activities and saved searches, and a GHL opportunity per
 * lead closed won or lost at `closedAt` with the generator's outcome.
 */
export async function insertSyntheticLeads(
  rt: Runtime,
  tenantId: string,
  population: SyntheticLead[],
  closedAt: Date,
): Promise<void> {
  // One JSON parameter per table: row-by-row parameters make 40k activities take half a minute on PGlite.
  const leadRows = population.map(({ snapshot: s }, i) => ({
    id: s.leadId,
    name: `Synthetic Lead ${s.leadId}`,
    phone: `+1512555${String(i).padStart(4, '0')}`,
    source: s.source,
    pre_approved: s.preApproved,
    budget_min: s.budgetMin,
    budget_max: s.budgetMax,
    timeline_months: s.timelineMonths,
    beds: s.beds,
    created_at: new Date(s.createdAt).toISOString(),
    last_human_contact_at: s.lastHumanContactAt ? new Date(s.lastHumanContactAt).toISOString() : null,
  }));
  await rt.db.execute(sql`insert into leads (id, tenant_id, name, phone, source, pre_approved, budget_min, budget_max, timeline_months, beds, created_at, last_human_contact_at)
    select x.id, ${tenantId}, x.name, x.phone, x.source, x.pre_approved, x.budget_min, x.budget_max, x.timeline_months, x.beds, x.created_at, x.last_human_contact_at
    from jsonb_to_recordset(${JSON.stringify(leadRows)}::jsonb) as x(id text, name text, phone text, source text, pre_approved boolean, budget_min int,
      budget_max int, timeline_months int, beds int, created_at timestamptz, last_human_contact_at timestamptz)`);
  const acts = population.flatMap(({ snapshot: s }) =>
    s.activities.map((a, k) => ({
      lead_id: s.leadId,
      kind: a.kind,
      direction: a.direction ?? null,
      human: a.human ?? null,
      listing_key: a.listingKey ?? null,
      external_id: `${s.leadId}:${k}`,
      occurred_at: new Date(a.occurredAt).toISOString(),
    })),
  );
  await rt.db.execute(sql`insert into lead_activities (id, tenant_id, lead_id, kind, direction, human, listing_key, source, external_id, occurred_at)
    select gen_random_uuid()::text, ${tenantId}, x.lead_id, x.kind, x.direction, x.human, x.listing_key, 'synthetic', x.external_id, x.occurred_at
    from jsonb_to_recordset(${JSON.stringify(acts)}::jsonb) as x(lead_id text, kind text, direction text, human boolean, listing_key text, external_id text, occurred_at timestamptz)`);
  const searches = population.flatMap(({ snapshot: s }) =>
    Array.from({ length: s.savedSearchCount }, () => ({ lead_id: s.leadId, max_price: s.budgetMax })),
  );
  await rt.db.execute(sql`insert into saved_searches (id, tenant_id, lead_id, max_price)
    select gen_random_uuid()::text, ${tenantId}, x.lead_id, x.max_price from jsonb_to_recordset(${JSON.stringify(searches)}::jsonb) as x(lead_id text, max_price float8)`);
  const opps = population.map(({ snapshot: s, label }) => ({ lead_id: s.leadId, outcome: label ? 'won' : 'lost' }));
  await rt.db.execute(sql`insert into opportunities (id, tenant_id, lead_id, ghl_opportunity_id, status, outcome, outcome_at, crm_updated_at)
    select gen_random_uuid()::text, ${tenantId}, x.lead_id, 'opp-' || x.lead_id, x.outcome, x.outcome, ${closedAt.toISOString()}::timestamptz, ${closedAt.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(opps)}::jsonb) as x(lead_id text, outcome text)`);
}
