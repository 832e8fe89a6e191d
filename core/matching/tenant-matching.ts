import type { AlertPolicy, AlertSignal } from '../alerts/decide-alert.ts';
// Type-only: tenant-settings reads this file's default threshold.
import type { TenantSettings } from '../settings/tenant-settings.ts';

/** `tenants.settings.matching.threshold` when a tenant has not chosen one. */
export const DEFAULT_TENANT_MATCH_THRESHOLD = 70;
/**
 * A new search can match hundreds of homes at once; the best few alert the agent, the rest are
 * stored matches (visible on the listing and in digests) instead of a flood of alerts.
 */
export const MAX_ALERTS_PER_NEW_SEARCH = 10;

/** The score a listing needs to match one of the tenant's searches. */
export function matchThresholdOf(settings: TenantSettings): number {
  return settings.matching.threshold;
}

/** The alert policy with the tenant's match threshold, unless the alert settings name their own. */
export function matchAlertPolicyOf(settings: TenantSettings): AlertPolicy {
  const alerts = settings.alerts;
  return { ...alerts, matchThreshold: alerts.matchThreshold ?? matchThresholdOf(settings) };
}

export interface ChangeForMatch {
  changeType: string;
  previousPrice: number | null;
  newPrice: number | null;
}

/**
 * What a lead whose search matches a changed listing should hear. A listing their search matched
 * before is news only when it came back on the market or its price dropped; anything else they
 * have seen already (null). A listing new to their search is a match.
 */
export function listingChangeSignal(input: {
  change: ChangeForMatch;
  seenBefore: boolean;
  leadId: string;
  listingKey: string;
  matchScore: number;
  leadScore?: number;
}): AlertSignal | null {
  const { change, leadId, listingKey, leadScore } = input;
  if (!input.seenBefore) return { type: 'listing_match', leadId, listingKey, matchScore: input.matchScore, leadScore };
  if (change.changeType === 'BackOnMarket') return { type: 'back_on_market', leadId, listingKey, leadScore };
  if (
    change.changeType === 'PriceChange' &&
    change.previousPrice !== null &&
    change.newPrice !== null &&
    change.newPrice < change.previousPrice &&
    change.newPrice > 0
  )
    return {
      type: 'price_drop',
      leadId,
      listingKey,
      previousPrice: change.previousPrice,
      newPrice: change.newPrice,
      leadScore,
    };
  return null;
}
