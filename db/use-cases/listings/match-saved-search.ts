import {
  MAX_ALERTS_PER_NEW_SEARCH,
  matchAlertPolicyOf,
  matchThresholdOf,
} from '../../../core/matching/tenant-matching.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { leadScores } from '../../queries/leads/lead-scores.ts';
import { findSearchMatches } from '../../queries/listings/match-candidates.ts';
import { insertMatches, listingsMatchedBy } from '../../queries/listings/matches.ts';
import { getSavedSearch, savedSearchOf } from '../../queries/saved-searches.ts';
import { getTenant } from '../../queries/tenants.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import type { MatchResult } from './match-listing-change.ts';

/**
 * A new or edited saved search against the tenant's matchable listings. Matches are stored under
 * the search's edit time, so a retried job alerts no one twice and an edit that changes nothing
 * new does not announce homes the lead has already been shown. Only the best few new matches of
 * an instant search alert (MAX_ALERTS_PER_NEW_SEARCH); the rest are stored matches.
 */
export async function matchSavedSearch(
  deps: { db: Db; queue: JobQueue; clock: Clock },
  input: { tenantId: string; savedSearchId: string },
): Promise<MatchResult> {
  const { tenantId } = input;
  const [tenant, row] = await Promise.all([
    getTenant(deps.db, tenantId),
    getSavedSearch(deps.db, tenantId, input.savedSearchId),
  ]);
  if (!tenant || !row || !row.active) return { stored: 0, alerted: 0 };
  const found = await findSearchMatches(deps.db, tenantId, savedSearchOf(row), matchThresholdOf(tenant.settings));
  return deps.db.transaction(async (tx) => {
    const trigger = `search:${row.updatedAt.toISOString()}`;
    const stored = await insertMatches(tx, tenantId, trigger, found, deps.clock.now());
    if (row.frequency !== 'instant' || stored.length === 0) return { stored: stored.length, alerted: 0 };
    const known = await listingsMatchedBy(tx, tenantId, row.id, trigger);
    const best = stored
      .filter((m) => !known.has(m.listingKey))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_ALERTS_PER_NEW_SEARCH);
    const scores = await leadScores(
      tx,
      best.map((m) => m.leadId),
    );
    let alerted = 0;
    for (const m of best) {
      const raised = await raiseAlert(tx, deps.queue, {
        tenantId,
        clock: deps.clock,
        policy: matchAlertPolicyOf(tenant.settings),
        matchId: m.id,
        signal: {
          type: 'listing_match',
          leadId: m.leadId,
          listingKey: m.listingKey,
          matchScore: m.score,
          leadScore: scores.get(m.leadId) ?? undefined,
        },
      });
      if (raised.outcome === 'raised') alerted++;
    }
    return { stored: stored.length, alerted };
  });
}
