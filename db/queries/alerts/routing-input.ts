import { and, eq } from 'drizzle-orm';
import { leads, listings } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { RoutingInput } from '../../../core/routing/routing-types.ts';
import type { AlertKind } from '../../../core/alerts/alert-types.ts';
import type { AlertRow } from './get-alert.ts';

/** The lead and listing fields routing rules may test, read from the rows behind the alert. */
export async function loadRoutingInput(db: Executor, alert: AlertRow): Promise<RoutingInput> {
  const [lead] = alert.leadId
    ? await db
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, alert.tenantId), eq(leads.id, alert.leadId)))
    : [];
  const [listing] = alert.listingKey
    ? await db
        .select()
        .from(listings)
        .where(and(eq(listings.tenantId, alert.tenantId), eq(listings.listingKey, alert.listingKey)))
    : [];
  return {
    kind: alert.kind as AlertKind,
    priority: alert.priority,
    lead: {
      id: lead?.id ?? alert.leadId ?? 'none',
      city: lead?.city,
      postalCode: lead?.postalCode,
      areas: lead?.areas ?? [],
      source: lead?.source,
      language: lead?.language,
      tags: lead?.tags ?? [],
      score: lead?.score,
      budgetMax: lead?.budgetMax,
    },
    listing: listing
      ? {
          listingKey: listing.listingKey,
          City: listing.city,
          PostalCode: listing.postalCode,
          ListPrice: listing.listPrice,
          PropertyType: listing.propertyType,
        }
      : null,
  };
}
