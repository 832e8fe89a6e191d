import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { setConsent, type ConsentChannel } from '../../queries/consent.ts';
import { writeConsentToGhl } from '../../queries/consent-writeback.ts';

export interface OptOutByLinkInput {
  tenantId: string;
  channel: ConsentChannel;
  address: string;
  /** How the click arrived: `one-click (RFC 8058)` or `unsubscribe page`. */
  reason: string;
}

/**
 * A signed unsubscribe link was used (`POST /unsubscribe/:token`). The ledger entry and the GHL
 * DND write-back commit together, so GHL never keeps mailing someone our ledger has opted out.
 * Idempotent: a second click records the same state again.
 * @example await optOutByLink({ db, queue }, { tenantId, channel: 'email', address, reason: 'unsubscribe page' })
 */
export async function optOutByLink(deps: { db: Db; queue: JobQueue }, input: OptOutByLinkInput): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await setConsent(tx, {
      tenantId: input.tenantId,
      channel: input.channel,
      address: input.address,
      status: 'opted_out',
      source: 'unsubscribe_link',
      reason: input.reason,
    });
    await writeConsentToGhl(tx, deps.queue, {
      tenantId: input.tenantId,
      channel: input.channel,
      address: input.address,
      optedOut: true,
      reason: `unsubscribed: ${input.reason} (Porchlight)`,
    });
  });
}
