import { listTenants, getTenant, type Tenant } from '../../db/queries/tenants.ts';
import { getWatermark, setWatermark } from '../../db/queries/listings/sync-watermark.ts';
import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { LANE_PRIORITY } from '../../core/inbound/job-lane.ts';
import { advanceWatermark } from '../shared/advance-watermark.ts';
import { syncTenantOpenHouses, type OpenHouseSyncResult } from '../shared/sync-open-houses.ts';

export const RESO_SOURCE = 'reso';
/** Bounded so one run fits the job's expiry; the next run carries on from the watermark. */
export const MAX_PAGES_PER_RUN = 50;
export const PAGE_SIZE = 200;

/** A tenant's feed URL: its own (`settings.reso.apiUrl`) or the install's RESO_API_URL. */
function feedUrl(runtime: Runtime, tenant: Tenant): string | undefined {
  return tenant.settings.reso.apiUrl || runtime.env.RESO_API_URL;
}

/**
 * `listing.sync` (cron): without a tenant it fans out one job per tenant with a feed, so each
 * retries on its own; with one it pulls the feed from that tenant's watermark through the same
 * upsert as every other source.
 */
export default defineHandler('listing.sync', async (data, { runtime }) => {
  if (!data.tenantId) {
    for (const tenant of await listTenants(runtime.db)) {
      if (feedUrl(runtime, tenant))
        await runtime.queue.enqueue('listing.sync', { tenantId: tenant.id }, { priority: LANE_PRIORITY.bulk });
    }
    return;
  }
  const tenant = await getTenant(runtime.db, data.tenantId);
  const url = tenant && feedUrl(runtime, tenant);
  if (!tenant || !url) return;
  await syncTenantFeed(runtime, tenant.id, url);
});

/**
 * Pages oldest-first from the watermark. The watermark moves only after a page is stored, so a
 * crash re-reads at most one page, and replays are no-ops in the upsert. It stops short of the
 * page's newest timestamp while more pages follow: records sharing that timestamp may continue
 * on the next page, and `gt` would skip them if the run stopped in between. Open houses follow,
 * from their own watermark, once the homes they belong to are stored.
 */
export async function syncTenantFeed(
  runtime: Runtime,
  tenantId: string,
  baseUrl: string,
): Promise<{
  pages: number;
  upserted: number;
  rejected: number;
  watermark: string | null;
  openHouses: OpenHouseSyncResult;
}> {
  const client = runtime.providers.resoFor(baseUrl);
  let watermark = await getWatermark(runtime.db, tenantId, RESO_SOURCE);
  const totals = { pages: 0, upserted: 0, rejected: 0 };
  for await (const page of client.pages({ since: watermark, top: PAGE_SIZE })) {
    const result = await upsertListings(runtime, { tenantId, listings: page.records, source: RESO_SOURCE });
    totals.pages++;
    totals.upserted += result.upserted;
    totals.rejected += new Set(result.rejected.map((r) => r.index)).size;
    if (result.rejected.length)
      runtime.logger.warn({ tenantId, rejected: result.rejected.slice(0, 20) }, 'RESO feed rows rejected');
    watermark = advanceWatermark(watermark, page.records, page.nextLink !== null);
    await setWatermark(runtime.db, {
      tenantId,
      source: RESO_SOURCE,
      watermark,
      meta: { ...totals, lastPageAt: runtime.clock.now().toISOString() },
      now: runtime.clock.now(),
    });
    if (totals.pages >= MAX_PAGES_PER_RUN) break;
  }
  const openHouses = await syncTenantOpenHouses(runtime, tenantId, baseUrl);
  return { ...totals, watermark, openHouses };
}
