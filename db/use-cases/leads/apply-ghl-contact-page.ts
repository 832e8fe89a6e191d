import type { GhlApiContact } from '../../../core/ghl/ghl-api-schemas.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { applyGhlContact, writeGhlSyncState, type GhlSyncState } from '../../queries/ghl-reconcile.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';

export interface ContactPage {
  tenantId: string;
  locationId: string;
  /** One page as GHL's contact search returned it. */
  contacts: GhlApiContact[];
  /** The run this page belongs to; its counts and next page move here. */
  run: NonNullable<GhlSyncState['run']>;
  /** The last finished run's watermark, kept until this run finishes. */
  watermark: string | null;
}

/**
 * One page of a GHL contact sync, in one transaction: contacts newer than what we hold update our
 * leads (those GHL updated before `run.since` are counted unchanged without a look), each changed
 * lead is queued for `lead.score`, and the run's resume point moves past the page. An interrupted
 * sync therefore resumes at the next page, and a page applied twice changes nothing.
 */
export async function applyGhlContactPage(deps: { db: Db; queue: JobQueue }, page: ContactPage): Promise<void> {
  const { tenantId, locationId, run } = page;
  const since = run.since ? new Date(run.since) : null;
  await deps.db.transaction(async (tx) => {
    for (const contact of page.contacts) {
      const updated = contact.dateUpdated ? new Date(contact.dateUpdated) : null;
      if (since && updated && updated <= since) {
        run.counts.unchanged++;
        continue;
      }
      const { outcome, leadId } = await applyGhlContact(tx, { tenantId, locationId, contact });
      run.counts[outcome]++;
      // A nightly repair: nobody is waiting, so its re-scores never get ahead of a lead's message.
      if (outcome !== 'unchanged')
        await deps.queue.enqueue(
          'lead.score',
          { tenantId, leadId, trigger: 'ghl.reconcile' },
          { tx, priority: LANE_PRIORITY.bulk },
        );
    }
    run.nextPage++;
    await writeGhlSyncState(tx, tenantId, locationId, { watermark: page.watermark, run });
  });
}
