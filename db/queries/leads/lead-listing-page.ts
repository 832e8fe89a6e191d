import { and, desc, eq } from 'drizzle-orm';
import { matches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { getLiveLead, type Lead } from '../leads.ts';
import { getListing, type ListingRow } from '../listings/get-listing.ts';
import { getTenant, type Tenant } from '../tenants.ts';

export type MatchFactor = { factor: string; score: number; weight: number; text: string };

export interface LeadListingPage {
  tenant: Tenant;
  lead: Lead;
  listing: ListingRow;
  /** The latest match of this listing to this lead, factor by factor; empty when it was sent by hand. */
  breakdown: MatchFactor[];
}

/**
 * Everything the lead's listing page (`/l/:token`) shows, read within the token's tenant: a deleted lead or
 * a listing the tenant no longer has answers undefined, and the page says "not found".
 * @example await leadListingPage(db, { tenantId, leadId, listingKey: 'ATX-1' })
 */
export async function leadListingPage(
  db: Executor,
  link: { tenantId: string; leadId: string; listingKey: string },
): Promise<LeadListingPage | undefined> {
  const tenant = await getTenant(db, link.tenantId);
  const lead = tenant && (await getLiveLead(db, tenant.id, link.leadId));
  const listing = lead && (await getListing(db, link.tenantId, link.listingKey));
  if (!tenant || !lead || !listing) return undefined;
  const [match] = await db
    .select({ breakdown: matches.breakdown })
    .from(matches)
    .where(
      and(
        eq(matches.tenantId, link.tenantId),
        eq(matches.leadId, link.leadId),
        eq(matches.listingKey, link.listingKey),
      ),
    )
    .orderBy(desc(matches.createdAt))
    .limit(1);
  return { tenant, lead, listing, breakdown: match?.breakdown ?? [] };
}
