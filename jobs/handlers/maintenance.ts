import { lt } from 'drizzle-orm';
import { defineHandler } from '../handler.ts';
import { seenRequests } from '../../db/schema/index.ts';

/** Housekeeping: replay-protection keys only need to outlive the providers' signature windows. */
export default defineHandler('maintenance', async (_data, { runtime }) => {
  const cutoff = new Date(runtime.clock.now().getTime() - 24 * 3600_000);
  await runtime.db.delete(seenRequests).where(lt(seenRequests.createdAt, cutoff));
});
