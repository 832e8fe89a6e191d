import { eq, lt } from 'drizzle-orm';
import { usedStateNonces } from '../schema/index.ts';
import type { Executor } from '../client.ts';

/**
 * Marks a signed state's nonce used. True the first time; false when it was used before (a replay), in which
 * case nothing changes. The primary key decides between two concurrent uses, so exactly one of them wins.
 * @example if (!(await useStateNonce(tx, { nonce, purpose: 'ghl-install', usedAt: now, expiresAt }))) refuse()
 */
export async function useStateNonce(
  db: Executor,
  input: { nonce: string; purpose: string; usedAt: Date; expiresAt: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(usedStateNonces)
    .values(input)
    .onConflictDoNothing({ target: usedStateNonces.nonce })
    .returning({ nonce: usedStateNonces.nonce });
  return inserted.length === 1;
}

/** Whether a nonce was used already: lets a replay be refused before it costs a provider call. */
export async function isStateNonceUsed(db: Executor, nonce: string): Promise<boolean> {
  const [row] = await db
    .select({ nonce: usedStateNonces.nonce })
    .from(usedStateNonces)
    .where(eq(usedStateNonces.nonce, nonce));
  return Boolean(row);
}

/** Drops nonces whose states have expired anyway (their signature check refuses them now); returns how many. */
export async function forgetExpiredStateNonces(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(usedStateNonces)
    .where(lt(usedStateNonces.expiresAt, now))
    .returning({ nonce: usedStateNonces.nonce });
  return rows.length;
}
