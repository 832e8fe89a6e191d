import { lt } from 'drizzle-orm';
import { seenRequests } from '../schema/index.ts';
import type { Executor } from '../client.ts';

/** Drops replay-protection keys recorded before `cutoff`; returns how many went. */
export async function forgetSeenRequests(db: Executor, cutoff: Date): Promise<number> {
  const gone = await db
    .delete(seenRequests)
    .where(lt(seenRequests.createdAt, cutoff))
    .returning({ key: seenRequests.key });
  return gone.length;
}
