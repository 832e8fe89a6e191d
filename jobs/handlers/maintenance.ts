import { defineHandler } from '../handler.ts';
import { forgetSeenRequests } from '../../db/queries/forget-seen-requests.ts';
import { forgetExpiredStateNonces } from '../../db/queries/used-state-nonces.ts';
import { pruneExpiredPayloads } from '../../db/use-cases/retention/prune-expired-payloads.ts';

/** Longer than every provider's signature window (Slack/Discord/SendGrid: minutes). */
const SEEN_REQUEST_TTL_MS = 24 * 3600_000;

/**
 * Housekeeping: forgets replay-protection keys older than any provider's signature window and spent link
 * nonces, and applies each team's retention to raw webhook bodies and delivery payloads.
 */
export default defineHandler('maintenance', async (_data, { runtime }) => {
  await forgetSeenRequests(runtime.db, new Date(runtime.clock.now().getTime() - SEEN_REQUEST_TTL_MS));
  // A used install-link nonce outlives its link only as dead weight: the expired link is refused anyway.
  await forgetExpiredStateNonces(runtime.db, runtime.clock.now());
  const pruned = await pruneExpiredPayloads(runtime);
  if (pruned.inboundBodies || pruned.deliveryPayloads) runtime.logger.info(pruned, 'retention: payloads pruned');
});
