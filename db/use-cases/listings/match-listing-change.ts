import { listingChangeSignal, matchAlertPolicyOf, matchThresholdOf } from '../../../core/matching/tenant-matching.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { leadScores } from '../../queries/leads/lead-scores.ts';
import { getListing, getListingChange, listingOf } from '../../queries/listings/get-listing.ts';
import { findListingMatches } from '../../queries/listings/match-candidates.ts';
import { insertMatches, searchesThatMatched } from '../../queries/listings/matches.ts';
import { getTenant } from '../../queries/tenants.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';

export interface MatchResult {
  /** Matches stored now (a retried job stores none again). */
  stored: number;
  /** Alerts raised for them. */
  alerted: number;
}

/**
 * A changed listing against every active saved search of its tenant. Matches are stored under the
 * change's id, so a retried job finds them already there and alerts no one twice. Instant searches
 * alert now, in the transaction that stores the match; daily and weekly ones wait for the digest.
 */
export async function matchListingChange(
  deps: { db: Db; queue: JobQueue; clock: Clock },
  input: { tenantId: string; listingKey: string; changeId: string },
): Promise<MatchResult> {
  const { tenantId, listingKey } = input;
  const [tenant, row, change] = await Promise.all([
    getTenant(deps.db, tenantId),
    getListing(deps.db, tenantId, listingKey),
    getListingChange(deps.db, tenantId, input.changeId),
  ]);
  if (!tenant || !row || !change) return { stored: 0, alerted: 0 };
  const threshold = matchThresholdOf(tenant.settings);
  const { matches, searches } = await findListingMatches(deps.db, tenantId, listingOf(row), threshold);
  return deps.db.transaction(async (tx) => {
    const stored = await insertMatches(tx, tenantId, change.id, matches, deps.clock.now());
    const instant = stored.filter((m) => searches.get(m.savedSearchId)?.frequency === 'instant');
    if (instant.length === 0) return { stored: stored.length, alerted: 0 };
    // Leads whose search already matched this listing hear what changed (a drop, a return), not
    // "new match" again.
    const seenBefore = new Set(await searchesThatMatched(tx, tenantId, listingKey, change.id));
    const scores = await leadScores(
      tx,
      instant.map((m) => m.leadId),
    );
    let alerted = 0;
    for (const m of instant) {
      const signal = listingChangeSignal({
        change,
        seenBefore: seenBefore.has(m.savedSearchId),
        leadId: m.leadId,
        listingKey,
        matchScore: m.score,
        leadScore: scores.get(m.leadId) ?? undefined,
      });
      if (!signal) continue;
      const policy = matchAlertPolicyOf(tenant.settings);
      const raised = await raiseAlert(tx, deps.queue, { tenantId, signal, clock: deps.clock, policy, matchId: m.id });
      if (raised.outcome === 'raised') alerted++;
    }
    return { stored: stored.length, alerted };
  });
}
