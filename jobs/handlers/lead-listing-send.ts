import { composeInstantListing } from '../../bots/lead-messages/compose-instant-listing.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { sendInstantListing } from '../../db/use-cases/leads/send-instant-listing.ts';
import { defineHandler } from '../handler.ts';

// The agent's copy goes to a chat surface: a text or email to the agent about every home would be noise.
const CHAT = new Set(['slack', 'discord', 'terminal']);

/** `lead.listing_send`: one home to one lead with an instant search (see sendInstantListing). */
export default defineHandler('lead.listing_send', async (data, { runtime }) => {
  const { db, queue, clock } = runtime;
  const reach = reachOf(runtime, (channel) => CHAT.has(channel.name) && Boolean(channel.sendText));
  const result = await sendInstantListing({ db, queue, clock, reach, compose: composeInstantListing(runtime) }, data);
  runtime.logger.info(
    { leadId: data.leadId, listingKey: data.listingKey, changeId: data.changeId, ...result },
    'instant listing for a lead',
  );
});
