import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { oauthTokens } from './tenants.ts';

/**
 * What GHL's token response carries beside the tokens themselves, plus the refresh lease.
 * Kept beside `oauth_tokens` (same key, deleted with it) and always written in the same
 * transaction as the `oauth_tokens` compare-and-set, so both move under one `version`.
 * The lease says "a worker is spending the single-use refresh token right now": others wait for
 * its result instead of spending the same token (see integrations/ghl/ghl-oauth.ts).
 */
export const oauthTokenState = pgTable('oauth_token_state', {
  locationId: text('location_id')
    .primaryKey()
    .references(() => oauthTokens.locationId, { onDelete: 'cascade' }),
  /** Location | Company: GHL wants it back on every refresh. */
  userType: text('user_type').notNull().default('Location'),
  scope: text('scope'),
  refreshLeaseUntil: timestamp('refresh_lease_until', { withTimezone: true }),
  updatedAt: updatedAt(),
});
