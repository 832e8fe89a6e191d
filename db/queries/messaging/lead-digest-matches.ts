import { and, desc, eq, gte, isNotNull, isNull, not, notExists, or, sql } from 'drizzle-orm';
import { digestItems, leads, listings, matches, savedSearches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { ListingRow } from '../listings/get-listing.ts';
import { heldForDigest, sentInstantly } from './lead-listing-sends.ts';

export interface DigestMatch {
  matchId: string;
  tenantId: string;
  leadId: string;
  listingKey: string;
  score: number;
  breakdown: Array<{ factor: string; score: number; weight: number; text: string }>;
  listing: ListingRow;
}

/**
 * Matches on daily/weekly searches that no digest has carried yet (a digest_items row with
 * sent_at marks one as carried), newest window only, best first.
 * The daily one also carries instant-search matches held back by the lead's daily cap, and neither repeats
 * a home she already got from an instant send.
 */
export async function undigestedMatches(
  db: Executor,
  input: { frequency: 'daily' | 'weekly'; since: Date; tenantId?: string },
): Promise<DigestMatch[]> {
  const carried = db
    .select({ one: sql`1` })
    .from(digestItems)
    .where(
      and(eq(digestItems.matchId, matches.id), eq(digestItems.recipientKind, 'lead'), isNotNull(digestItems.sentAt)),
    );
  const rows = await db
    .select({ m: matches, listing: listings })
    .from(matches)
    .innerJoin(savedSearches, eq(savedSearches.id, matches.savedSearchId))
    .innerJoin(listings, and(eq(listings.tenantId, matches.tenantId), eq(listings.listingKey, matches.listingKey)))
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(
      and(
        // An instant search's homes over the lead's daily cap ride in her next daily digest.
        input.frequency === 'daily'
          ? or(eq(savedSearches.frequency, 'daily'), heldForDigest(matches.id))
          : eq(savedSearches.frequency, input.frequency),
        not(sentInstantly(matches.leadId, matches.listingKey)),
        eq(savedSearches.active, true),
        gte(matches.createdAt, input.since),
        isNull(leads.deletedAt),
        notExists(carried),
        input.tenantId ? eq(matches.tenantId, input.tenantId) : undefined,
      ),
    )
    .orderBy(desc(matches.score));
  return rows.map(({ m, listing }) => ({
    matchId: m.id,
    tenantId: m.tenantId,
    leadId: m.leadId,
    listingKey: m.listingKey,
    score: m.score,
    breakdown: m.breakdown,
    listing,
  }));
}

export async function markDigested(
  db: Executor,
  input: { tenantId: string; leadId: string; matchIds: string[]; reason: string; at: Date },
): Promise<void> {
  if (input.matchIds.length === 0) return;
  await db.insert(digestItems).values(
    input.matchIds.map((matchId) => ({
      tenantId: input.tenantId,
      recipientKind: 'lead' as const,
      recipientId: input.leadId,
      matchId,
      reason: input.reason,
      sentAt: input.at,
    })),
  );
}
