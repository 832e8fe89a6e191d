import { z } from 'zod';
import type { ActivityKind } from './lead-snapshot.ts';

/** What a lead did on the listing page we link them to. */
export const ListingInteraction = z.enum(['view', 'save', 'showing']);
export type ListingInteraction = z.infer<typeof ListingInteraction>;

/** The activity kinds scoring and signals read (listing_views_7d, listing_saves_30d, the burst and showing signals). */
const KIND = {
  view: 'listing_view',
  save: 'listing_save',
  showing: 'showing_request',
} as const satisfies Record<ListingInteraction, ActivityKind>;

/** Opens within the same half hour are one view: a reload or a back button is not the lead coming back. */
export const VIEW_WINDOW_MINUTES = 30;
const DAY_MINUTES = 1440;

/**
 * The activity one interaction becomes, with the key that makes it count once: a view per half hour, a save
 * once per listing, a showing request once a day (the agent already has the first one).
 * @example listingInteractionActivity({ leadId, listingKey: 'ATX-1', interaction: 'view' }, clock.now())
 */
export function listingInteractionActivity(
  input: { leadId: string; listingKey: string; interaction: ListingInteraction },
  now: Date,
): { kind: (typeof KIND)[ListingInteraction]; externalId: string } {
  const minutes = Math.floor(now.getTime() / 60_000);
  const window =
    input.interaction === 'view'
      ? `:${Math.floor(minutes / VIEW_WINDOW_MINUTES)}`
      : input.interaction === 'showing'
        ? `:${Math.floor(minutes / DAY_MINUTES)}`
        : '';
  return {
    kind: KIND[input.interaction],
    externalId: `${input.leadId}:${input.listingKey}:${input.interaction}${window}`,
  };
}
