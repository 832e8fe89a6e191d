import { and, eq } from 'drizzle-orm';
import { leads, savedSearches } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import { parseSearchText } from '../../../core/search/parse-search-text.ts';
import { createSavedSearch, criteriaValues, updateSavedSearch } from '../saved-searches.ts';

/**
 * A CRM contact's buying criteria (custom fields mapped per tenant via `ghlFieldMap`: budget,
 * areas, beds, baths, property type) become one saved search per lead with origin `ghl`.
 * Returns the search id when it was created or its criteria changed (so matching runs again),
 * else null. A lead with neither a budget nor an area has nothing to search for.
 */
export async function syncCrmSearch(
  tx: Tx,
  input: { tenantId: string; leadId: string; now: Date },
): Promise<string | null> {
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, input.tenantId), eq(leads.id, input.leadId)));
  if (!lead || (lead.budgetMax == null && lead.areas.length === 0)) return null;
  const areas = lead.areas.map((a) => a.trim()).filter(Boolean);
  // Free-text property types ("condo", "single family") go through the same vocabulary as /alert.
  const typed = lead.propertyType ? parseSearchText(lead.propertyType).criteria : undefined;
  const criteria = SavedSearchCriteria.parse({
    minPrice: lead.budgetMin ?? undefined,
    maxPrice: lead.budgetMax ?? undefined,
    minBeds: lead.beds ?? undefined,
    minBaths: lead.baths ?? undefined,
    postalCodes: areas.filter((a) => /^\d{5}$/.test(a)),
    cities: areas.filter((a) => !/^\d{5}$/.test(a)),
    propertyTypes: typed?.propertyTypes ?? [],
    propertySubTypes: typed?.propertySubTypes ?? [],
  });
  const [existing] = await tx
    .select()
    .from(savedSearches)
    .where(
      and(
        eq(savedSearches.tenantId, input.tenantId),
        eq(savedSearches.leadId, input.leadId),
        eq(savedSearches.origin, 'ghl'),
        eq(savedSearches.active, true),
      ),
    )
    .limit(1);
  if (!existing) {
    const row = await createSavedSearch(tx, {
      tenantId: input.tenantId,
      leadId: input.leadId,
      criteria,
      origin: 'ghl',
      name: 'From CRM fields',
      now: input.now,
    });
    return row.id;
  }
  const wanted = criteriaValues(criteria);
  const same = (Object.keys(wanted) as Array<keyof typeof wanted>).every(
    (k) => JSON.stringify(existing[k]) === JSON.stringify(wanted[k]),
  );
  if (same) return null;
  await updateSavedSearch(tx, { tenantId: input.tenantId, id: existing.id, criteria, now: input.now });
  return existing.id;
}
