import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AlertKind } from '../../../core/alerts/alert-types.ts';
import type { HistoricAlert } from '../../../core/routing/simulation/simulate-routing.ts';
import type { Executor } from '../../client.ts';
import { alerts, leads, listings } from '../../schema/index.ts';

/**
 * The tenant's alerts raised in [since, until), oldest first, each with the lead and listing fields
 * routing rules test (as `loadRoutingInput` reads them for one alert) and what happened in reality.
 * One query with joins: a month of alerts is thousands of rows, read once per simulation.
 */
export async function historicAlerts(
  db: Executor,
  tenantId: string,
  range: { since: Date; until: Date },
): Promise<HistoricAlert[]> {
  const rows = await db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      priority: alerts.priority,
      createdAt: alerts.createdAt,
      assigneeId: alerts.assigneeId,
      claimedAt: alerts.claimedAt,
      closedAt: alerts.closedAt,
      leadId: alerts.leadId,
      lead: {
        city: leads.city,
        postalCode: leads.postalCode,
        areas: leads.areas,
        source: leads.source,
        language: leads.language,
        tags: leads.tags,
        score: leads.score,
        budgetMax: leads.budgetMax,
      },
      listing: {
        listingKey: listings.listingKey,
        City: listings.city,
        PostalCode: listings.postalCode,
        ListPrice: listings.listPrice,
        PropertyType: listings.propertyType,
      },
    })
    .from(alerts)
    .leftJoin(leads, and(eq(leads.tenantId, alerts.tenantId), eq(leads.id, alerts.leadId)))
    .leftJoin(listings, and(eq(listings.tenantId, alerts.tenantId), eq(listings.listingKey, alerts.listingKey)))
    .where(and(eq(alerts.tenantId, tenantId), gte(alerts.createdAt, range.since), lt(alerts.createdAt, range.until)))
    .orderBy(asc(alerts.createdAt), asc(sql`${alerts.id}`));
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    assigneeId: r.assigneeId,
    claimedAt: r.claimedAt,
    closedAt: r.closedAt,
    input: {
      kind: r.kind as AlertKind,
      priority: r.priority,
      lead: { id: r.leadId ?? 'none', ...r.lead, areas: r.lead?.areas ?? [], tags: r.lead?.tags ?? [] },
      listing: r.listing?.listingKey ? { ...r.listing, listingKey: r.listing.listingKey } : null,
    },
  }));
}
