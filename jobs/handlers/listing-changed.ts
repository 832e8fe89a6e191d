import { defineHandler } from '../handler.ts';

/**
 * Changes that can put a listing in front of a buyer: it appeared, came back, or its price moved
 * (down: a price-drop alert for leads who matched it; up: it may now fit other budgets).
 * Pending, Closed, Withdrawn... take it off the market, so there is nothing to match.
 */
export const MATCHING_CHANGES: ReadonlySet<string> = new Set([
  'NewListing',
  'BackOnMarket',
  'PriceChange',
  'Active',
  'ComingSoon',
]);

/** `listing.changed` → `listing.match` for the changes buyers care about. */
export default defineHandler('listing.changed', async (data, { runtime }) => {
  if (!MATCHING_CHANGES.has(data.changeType)) return;
  await runtime.queue.enqueue('listing.match', {
    direction: 'listing',
    tenantId: data.tenantId,
    listingKey: data.listingKey,
    changeId: data.changeId,
  });
});
