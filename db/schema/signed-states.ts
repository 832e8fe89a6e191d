import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Nonces of signed `state` tokens (core/crypto/signed-state.ts) that have been used. A signed state proves we
 * issued it but not that it was used only once; a row here makes a replayed install link fail. Rows past
 * `expires_at` are dead weight (the signature check refuses the state as expired by then) and may be pruned.
 */
export const usedStateNonces = pgTable(
  'used_state_nonces',
  {
    nonce: text('nonce').primaryKey(),
    /** What the state was for, e.g. `ghl-install`. */
    purpose: text('purpose').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('used_state_nonces_expires_idx').on(t.expiresAt)],
);
