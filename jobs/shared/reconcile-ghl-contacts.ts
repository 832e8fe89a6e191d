import { readGhlSyncState, writeGhlSyncState, type SyncCounts } from '../../db/queries/ghl-reconcile.ts';
import { applyGhlContactPage } from '../../db/use-cases/leads/apply-ghl-contact-page.ts';
import type { Runtime } from '../runtime.ts';
import { ghlClientFor, tenantGhlLocations } from './ghl-client-for-tenant.ts';

export interface ReconcileOptions {
  /** Only contacts GHL updated after this instant are compared (default: the start of the last finished run). */
  since?: Date;
  /** GHL's search allows up to 100 per page (and 10,000 results by page number). */
  pageLimit?: number;
  onProgress?: (p: { locationId: string; seen: number; total: number | null }) => void;
}

export interface ReconcileResult extends SyncCounts {
  tenantId: string;
  locations: string[];
  /** false when the tenant has no GHL at all (nothing was fetched). */
  configured: boolean;
}

/**
 * Pages through a tenant's GHL contacts and repairs our leads (events GHL failed to deliver),
 * applying only contacts newer than what we hold. Each page is applied and its resume point saved
 * in one transaction, so an interrupted run continues from the next page and a repeated page
 * changes nothing. Contacts that changed become `lead.score` jobs in that same transaction.
 */
export async function reconcileGhlContacts(
  runtime: Runtime,
  tenantId: string,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const pageLimit = options.pageLimit ?? 100;
  const result: ReconcileResult = { tenantId, locations: [], configured: false, new: 0, updated: 0, unchanged: 0 };
  for (const locationId of await tenantGhlLocations(runtime, tenantId)) {
    const ghl = await ghlClientFor(runtime, tenantId, locationId);
    if (!ghl) continue;
    result.configured = true;
    result.locations.push(locationId);
    const state = await readGhlSyncState(runtime.db, tenantId, locationId);
    const requestedSince = options.since?.toISOString() ?? null;
    const resumable = state.run && (requestedSince === null || state.run.since === requestedSince);
    const run = resumable
      ? state.run!
      : {
          startedAt: runtime.clock.now().toISOString(),
          since: requestedSince ?? state.watermark,
          nextPage: 1,
          counts: { new: 0, updated: 0, unchanged: 0 },
        };
    for (;;) {
      const { contacts, total } = await ghl.api.searchContacts(locationId, { pageLimit, page: run.nextPage });
      await applyGhlContactPage(runtime, { tenantId, locationId, contacts, run, watermark: state.watermark });
      const seen = run.counts.new + run.counts.updated + run.counts.unchanged;
      options.onProgress?.({ locationId, seen, total });
      if (contacts.length < pageLimit || (total !== null && seen >= total)) break;
    }
    // The next incremental run compares from when this one started: anything GHL changed while we
    // were paging has a later dateUpdated, so it is not skipped.
    await writeGhlSyncState(runtime.db, tenantId, locationId, {
      watermark: run.startedAt,
      run: null,
      lastRun: run.counts,
    });
    result.new += run.counts.new;
    result.updated += run.counts.updated;
    result.unchanged += run.counts.unchanged;
    runtime.logger.info({ tenantId, locationId, ...run.counts }, 'GHL contacts reconciled');
  }
  return result;
}

/** "synced 1,234 contacts (12 new, 40 updated, 1,182 unchanged)" */
export function formatSyncSummary(c: SyncCounts): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const seen = n(c.new + c.updated + c.unchanged);
  return `synced ${seen} contacts (${n(c.new)} new, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged)`;
}
