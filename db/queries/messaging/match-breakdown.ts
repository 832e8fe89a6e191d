import { eq } from 'drizzle-orm';
import { matches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** Why a match scored what it did, factor by factor: the "why it matched" lines of an email. */
export async function matchBreakdown(db: Executor, matchId: string) {
  const [row] = await db.select({ breakdown: matches.breakdown }).from(matches).where(eq(matches.id, matchId));
  return row?.breakdown ?? [];
}
