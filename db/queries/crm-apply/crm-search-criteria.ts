import type { Tx } from '../../client.ts';
import { getLead } from '../leads.ts';
import { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import { parseSearchText } from '../../../core/search/parse-search-text.ts';

/**
 * What a lead's CRM fields (custom fields mapped per tenant via `ghlFieldMap`: budget, areas, beds,
 * baths, property type) say they are looking for: the criteria of their one saved search with
 * origin `ghl`. Null when the lead has neither a budget nor an area: nothing to search for.
 */
export async function crmSearchCriteria(
  tx: Tx,
  input: { tenantId: string; leadId: string },
): Promise<SavedSearchCriteria | null> {
  const lead = await getLead(tx, input.tenantId, input.leadId);
  if (!lead || (lead.budgetMax == null && lead.areas.length === 0)) return null;
  const areas = lead.areas.map((a) => a.trim()).filter(Boolean);
  // Free-text property types ("condo", "single family") go through the same vocabulary as /alert.
  const typed = lead.propertyType ? parseSearchText(lead.propertyType).criteria : undefined;
  return SavedSearchCriteria.parse({
    minPrice: lead.budgetMin ?? undefined,
    maxPrice: lead.budgetMax ?? undefined,
    minBeds: lead.beds ?? undefined,
    minBaths: lead.baths ?? undefined,
    postalCodes: areas.filter((a) => /^\d{5}$/.test(a)),
    cities: areas.filter((a) => !/^\d{5}$/.test(a)),
    propertyTypes: typed?.propertyTypes ?? [],
    propertySubTypes: typed?.propertySubTypes ?? [],
  });
}
