import { inArray } from 'drizzle-orm';
import type { AlertSignal } from '../../core/alerts/decide-alert.ts';
import type { Match } from '../../core/matching/match-listing.ts';
import { leads } from '../../db/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import { getListing, getListingChange, listingOf, type ListingChangeRow } from '../../db/queries/listings.ts';
import { findListingMatches, findSearchMatches } from '../../db/queries/match-candidates.ts';
import { insertMatches, listingsMatchedBy, searchesThatMatched, type MatchRow } from '../../db/queries/matches.ts';
import { getSavedSearch, savedSearchOf } from '../../db/queries/saved-searches.ts';
import { getTenant, type Tenant } from '../../db/queries/tenants.ts';
import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { raiseAlert } from '../shared/raise-alert.ts';

/** `tenants.settings.matching.threshold` when a tenant has not chosen one. */
export const DEFAULT_TENANT_MATCH_THRESHOLD = 70;
/**
 * A new search can match hundreds of homes at once; the best few alert the agent, the rest are
 * stored matches (visible on the listing and in digests) instead of a flood of alerts.
 */
export const MAX_ALERTS_PER_NEW_SEARCH = 10;

type Settings = { matching?: { threshold?: unknown }; alerts?: Record<string, unknown> };

function thresholdOf(tenant: Tenant): number {
  const t = (tenant.settings as Settings).matching?.threshold;
  return typeof t === 'number' && t >= 0 && t <= 100 ? t : DEFAULT_TENANT_MATCH_THRESHOLD;
}

/** The alert policy with the tenant's match threshold, unless the alert settings name their own. */
function policyOf(tenant: Tenant): Record<string, unknown> {
  const alerts = (tenant.settings as Settings).alerts ?? {};
  return { ...alerts, matchThreshold: alerts.matchThreshold ?? thresholdOf(tenant) };
}

/**
 * `listing.match`, both directions. Matches are stored under a trigger key (the listing change,
 * or the search's edit time), so a retried job finds its matches already there and alerts no one
 * twice. Instant searches alert now; daily and weekly ones wait for the digest.
 */
export default defineHandler('listing.match', async (data, { runtime }) => {
  const tenant = await getTenant(runtime.db, data.tenantId);
  if (!tenant) return;
  if (data.direction === 'listing') await matchChangedListing(runtime, tenant, data.listingKey, data.changeId);
  else await matchSearch(runtime, tenant, data.savedSearchId);
});

async function matchChangedListing(
  runtime: Runtime,
  tenant: Tenant,
  listingKey: string,
  changeId: string,
): Promise<void> {
  const [row, change] = await Promise.all([
    getListing(runtime.db, tenant.id, listingKey),
    getListingChange(runtime.db, tenant.id, changeId),
  ]);
  if (!row || !change) return;
  const { matches, searches } = await findListingMatches(runtime.db, tenant.id, listingOf(row), thresholdOf(tenant));
  await runtime.db.transaction(async (tx) => {
    const stored = await insertMatches(tx, tenant.id, change.id, matches, runtime.clock.now());
    const instant = stored.filter((m) => searches.get(m.savedSearchId)?.frequency === 'instant');
    if (instant.length === 0) return;
    // Leads whose search already matched this listing hear what changed (a drop, a return), not
    // "new match" again; any other change to a listing they have seen is not news.
    const seenBefore = new Set(await searchesThatMatched(tx, tenant.id, listingKey, change.id));
    const scores = await leadScores(tx, instant);
    for (const m of instant) {
      const leadScore = scores.get(m.leadId) ?? undefined;
      let signal: AlertSignal;
      if (!seenBefore.has(m.savedSearchId))
        signal = { type: 'listing_match', leadId: m.leadId, listingKey, matchScore: m.score, leadScore };
      else if (change.changeType === 'BackOnMarket')
        signal = { type: 'back_on_market', leadId: m.leadId, listingKey, leadScore };
      else if (isPriceDrop(change))
        signal = {
          type: 'price_drop',
          leadId: m.leadId,
          listingKey,
          previousPrice: change.previousPrice!,
          newPrice: change.newPrice!,
          leadScore,
        };
      else continue;
      await raiseAlert(tx, runtime.queue, {
        tenantId: tenant.id,
        signal,
        clock: runtime.clock,
        policy: policyOf(tenant),
        matchId: m.id,
      });
    }
  });
}

const isPriceDrop = (c: ListingChangeRow): boolean =>
  c.changeType === 'PriceChange' &&
  c.previousPrice !== null &&
  c.newPrice !== null &&
  c.newPrice < c.previousPrice &&
  c.newPrice > 0;

async function matchSearch(runtime: Runtime, tenant: Tenant, savedSearchId: string): Promise<void> {
  const row = await getSavedSearch(runtime.db, tenant.id, savedSearchId);
  if (!row || !row.active) return;
  const found: Match[] = await findSearchMatches(runtime.db, tenant.id, savedSearchOf(row), thresholdOf(tenant));
  await runtime.db.transaction(async (tx) => {
    const trigger = `search:${row.updatedAt.toISOString()}`;
    const stored = await insertMatches(tx, tenant.id, trigger, found, runtime.clock.now());
    if (row.frequency !== 'instant' || stored.length === 0) return;
    const known = await listingsMatchedBy(tx, tenant.id, row.id, trigger);
    const best = stored
      .filter((m) => !known.has(m.listingKey))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_ALERTS_PER_NEW_SEARCH);
    if (best.length === 0) return;
    const scores = await leadScores(tx, best);
    for (const m of best) {
      await raiseAlert(tx, runtime.queue, {
        tenantId: tenant.id,
        clock: runtime.clock,
        policy: policyOf(tenant),
        matchId: m.id,
        signal: {
          type: 'listing_match',
          leadId: m.leadId,
          listingKey: m.listingKey,
          matchScore: m.score,
          leadScore: scores.get(m.leadId) ?? undefined,
        },
      });
    }
  });
}

async function leadScores(tx: Tx, rows: MatchRow[]): Promise<Map<string, number | null>> {
  const ids = [...new Set(rows.map((r) => r.leadId))];
  const found = await tx.select({ id: leads.id, score: leads.score }).from(leads).where(inArray(leads.id, ids));
  return new Map(found.map((l) => [l.id, l.score]));
}
