import { listingAddressOf } from '../../core/matching/instant-send-note.ts';
import type { ComposeInstantListing } from '../../db/use-cases/leads/send-instant-listing.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { composeListingMessage } from './listing-message.ts';

/**
 * The words of an instant send, the same as an agent's "Send to lead": a short text with her `/l/:token` link,
 * or the listing-match email. A string says why there is nothing to send.
 * @example await sendInstantListing({ …, compose: composeInstantListing(runtime) }, input)
 */
export function composeInstantListing(runtime: Runtime): ComposeInstantListing {
  return async ({ tenant, lead, listing, matchId, channel }) =>
    composeListingMessage(runtime, {
      tenant,
      lead,
      matchId,
      channel,
      view: {
        listing: {
          listingKey: listing.listingKey,
          address: listingAddressOf(listing),
          price: listing.listPrice ?? 0,
          beds: listing.bedroomsTotal,
          baths: listing.bathroomsTotalInteger,
        },
      },
    });
}
