import { matchListingChange } from '../../db/use-cases/listings/match-listing-change.ts';
import { matchSavedSearch } from '../../db/use-cases/listings/match-saved-search.ts';
import { defineHandler } from '../handler.ts';

/**
 * `listing.match`, both directions: a changed listing against the saved searches, or one saved
 * search against the listings. The runtime carries this process's saved-search index
 * (`runtime.searchIndex`), so a listing change is matched in memory once the tenant's copy is warm.
 */
export default defineHandler('listing.match', async (data, { runtime }) => {
  if (data.direction === 'listing') await matchListingChange(runtime, data);
  else await matchSavedSearch(runtime, data);
});
