import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Match } from '../../../core/matching/match-listing.ts';
import { leads, matches, savedSearches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type MatchRow = typeof matches.$inferSelect;

/**
 * Stores matches for one trigger. The unique (saved search, listing, trigger) index makes a
 * retried or duplicated job a no-op: only rows inserted now come back, and only they may alert.
 */
export async function insertMatches(
  db: Executor,
  tenantId: string,
  triggerKey: string,
  found: Match[],
  now: Date,
): Promise<MatchRow[]> {
  if (found.length === 0) return [];
  return db
    .insert(matches)
    .values(
      found.map((m) => ({
        tenantId,
        savedSearchId: m.searchId,
        leadId: m.leadId,
        listingKey: m.listingKey,
        triggerKey,
        score: m.score,
        breakdown: m.breakdown,
        createdAt: now,
      })),
    )
    .onConflictDoNothing({ target: [matches.savedSearchId, matches.listingKey, matches.triggerKey] })
    .returning();
}

/**
 * Active searches that matched this listing before `exceptTrigger`: the leads who already saw it
 * and should hear that its price dropped or that it is back on the market.
 */
export async function searchesThatMatched(
  db: Executor,
  tenantId: string,
  listingKey: string,
  exceptTrigger: string,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: matches.savedSearchId })
    .from(matches)
    .innerJoin(savedSearches, eq(savedSearches.id, matches.savedSearchId))
    .where(
      and(
        eq(matches.tenantId, tenantId),
        eq(matches.listingKey, listingKey),
        ne(matches.triggerKey, exceptTrigger),
        eq(savedSearches.active, true),
      ),
    );
  return rows.map((r) => r.id);
}

/** Lead ids with their best match score for one listing, best first (GET /api/v1/listings/:key). */
export async function matchedLeads(
  db: Executor,
  tenantId: string,
  listingKey: string,
): Promise<Array<{ leadId: string; savedSearchId: string; score: number; matchedAt: Date }>> {
  const rows = await db
    .select({
      leadId: matches.leadId,
      savedSearchId: matches.savedSearchId,
      score: sql<number>`max(${matches.score})`.mapWith(Number),
      matchedAt: sql<Date>`max(${matches.createdAt})`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(matches)
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(and(eq(matches.tenantId, tenantId), eq(matches.listingKey, listingKey), sql`${leads.deletedAt} is null`))
    .groupBy(matches.leadId, matches.savedSearchId)
    .orderBy(desc(sql`max(${matches.score})`), matches.leadId);
  return rows;
}

/** Listings this search matched before `exceptTrigger`: an edited search does not re-announce them. */
export async function listingsMatchedBy(
  db: Executor,
  tenantId: string,
  savedSearchId: string,
  exceptTrigger: string,
): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ key: matches.listingKey })
    .from(matches)
    .where(
      and(
        eq(matches.tenantId, tenantId),
        eq(matches.savedSearchId, savedSearchId),
        ne(matches.triggerKey, exceptTrigger),
      ),
    );
  return new Set(rows.map((r) => r.key));
}

/** The leads a listing matched, each with its best match score, best first (`/property`). */
export async function bestMatchedLeads(
  db: Executor,
  tenantId: string,
  listingKey: string,
  limit: number,
): Promise<Array<{ leadId: string; name: string; temperature: string | null; score: number }>> {
  const best = sql<number>`max(${matches.score})`;
  return db
    .select({ leadId: leads.id, name: leads.name, temperature: leads.temperature, score: best.mapWith(Number) })
    .from(matches)
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(and(eq(matches.tenantId, tenantId), eq(matches.listingKey, listingKey)))
    .groupBy(leads.id, leads.name, leads.temperature)
    .orderBy(desc(best))
    .limit(limit);
}

/**
 * The leads a listing matched through a search still active (an open house is news to them, not to a lead who
 * turned her search off), forgotten leads left out.
 */
export async function leadsMatchedToListing(db: Executor, tenantId: string, listingKey: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ leadId: matches.leadId })
    .from(matches)
    .innerJoin(savedSearches, eq(savedSearches.id, matches.savedSearchId))
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(
      and(
        eq(matches.tenantId, tenantId),
        eq(matches.listingKey, listingKey),
        eq(savedSearches.active, true),
        sql`${leads.deletedAt} is null`,
      ),
    );
  return rows.map((r) => r.leadId);
}
