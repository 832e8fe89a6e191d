import type { Listing } from '../../../core/listings/listing.ts';
import { matchSearches, type Match } from '../../../core/matching/match-listing.ts';
import { listingChangeSignal, matchAlertPolicyOf, matchThresholdOf } from '../../../core/matching/tenant-matching.ts';
import type { SavedSearch } from '../../../core/search/saved-search.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { leadScores } from '../../queries/leads/lead-scores.ts';
import { changeToMatch } from '../../queries/listings/change-to-match.ts';
import { listingOf, type ListingChangeRow } from '../../queries/listings/get-listing.ts';
import { findListingMatches } from '../../queries/listings/match-candidates.ts';
import { insertMatches, searchesThatMatched } from '../../queries/listings/matches.ts';
import type { Tenant } from '../../queries/tenants.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { queueListingTriggers } from '../../queries/automations/queue-listing-triggers.ts';

/** Changes a lead with an instant search hears about from us directly, not only through her agent. */
const SENT_TO_LEAD: ReadonlySet<string> = new Set(['listing_match', 'price_drop']);

export interface MatchResult {
  /** Matches stored now (a retried job stores none again). */
  stored: number;
  /** Alerts raised for them. */
  alerted: number;
}

/**
 * Somewhere besides the database to find a listing's candidate searches: the worker's in-process copy of the
 * tenant's active searches (jobs/shared/saved-search-index.ts).
 */
export interface SearchCandidateSource {
  /**
   * The searches `listing` could match, from a copy that is exactly at `version` of the tenant's saved searches
   * (`savedSearchVersion`); null when it cannot promise that (not loaded yet, behind, ahead): ask the database.
   */
  candidates(tenantId: string, listing: Listing, version: number): readonly SavedSearch[] | null;
  /**
   * Called once a lookup it could not answer has its matches from the database: start loading the tenant in
   * the background, after that lookup rather than beside it.
   */
  warm(tenantId: string): void;
}

export interface ListingChangeMatches {
  tenant: Tenant;
  change: ListingChangeRow;
  /** Best first. */
  matches: Match[];
  /** The matched searches by id: their frequency decides who hears now. */
  searches: Map<string, SavedSearch>;
  /** Which prefilter answered: the warm in-process index, or the SQL one (cold index, or none given). */
  source: 'index' | 'database';
}

/**
 * The read half of `matchListingChange`: the tenant, the change and the matches, written nowhere. One query
 * reads the rows with the tenant's saved-search version, and the in-process index answers only when it is at
 * exactly that version, so both prefilters give the same matches.
 */
export async function findListingChangeMatches(
  deps: { db: Db; searchIndex?: SearchCandidateSource },
  input: { tenantId: string; listingKey: string; changeId: string },
): Promise<ListingChangeMatches | null> {
  const { tenantId } = input;
  const read = await changeToMatch(deps.db, input);
  if (!read) return null;
  const { tenant, change } = read;
  const listing = listingOf(read.listing);
  const threshold = matchThresholdOf(tenant.settings);
  const warm = deps.searchIndex?.candidates(tenantId, listing, read.searchVersion) ?? null;
  if (warm) return { tenant, change, source: 'index', ...matchSearches(listing, warm, threshold) };
  const found = await findListingMatches(deps.db, tenantId, listing, threshold);
  deps.searchIndex?.warm(tenantId);
  return { tenant, change, source: 'database', ...found };
}

/**
 * A changed listing against every active saved search of its tenant. Matches are stored under the
 * change's id, so a retried job finds them already there and alerts no one twice. Instant searches
 * alert now, in the transaction that stores the match; daily and weekly ones wait for the digest.
 */
export async function matchListingChange(
  deps: { db: Db; queue: JobQueue; clock: Clock; searchIndex?: SearchCandidateSource },
  input: { tenantId: string; listingKey: string; changeId: string },
): Promise<MatchResult> {
  const { tenantId, listingKey } = input;
  const found = await findListingChangeMatches(deps, input);
  if (!found) return { stored: 0, alerted: 0 };
  const { tenant, change, matches, searches } = found;
  return deps.db.transaction(async (tx) => {
    const stored = await insertMatches(tx, tenantId, change.id, matches, deps.clock.now());
    await queueListingTriggers(tx, deps.queue, {
      tenantId,
      listingKey,
      change,
      matchedLeadIds: stored.map((m) => m.leadId),
      now: deps.clock.now(),
    });
    const instant = stored.filter((m) => searches.get(m.savedSearchId)?.criteria.frequency === 'instant');
    if (instant.length === 0) return { stored: stored.length, alerted: 0 };
    // Leads whose search already matched this listing hear what changed (a drop, a return), not
    // "new match" again.
    const seenBefore = new Set(await searchesThatMatched(tx, tenantId, listingKey, change.id));
    const scores = await leadScores(
      tx,
      instant.map((m) => m.leadId),
    );
    let alerted = 0;
    const toLead = new Set<string>();
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
      // What the policy thinks is news (a match over the threshold, a real drop) also goes to the lead herself,
      // once per lead however many of her searches matched: a follow-up, so it commits with the match.
      if (SENT_TO_LEAD.has(signal.type) && raised.outcome !== 'not_alerting' && !toLead.has(m.leadId)) {
        toLead.add(m.leadId);
        const alertId = raised.outcome === 'raised' ? raised.alert.id : null;
        await deps.queue.enqueue(
          'lead.listing_send',
          { tenantId, leadId: m.leadId, listingKey, changeId: change.id, matchId: m.id, alertId },
          { tx },
        );
      }
    }
    return { stored: stored.length, alerted };
  });
}
