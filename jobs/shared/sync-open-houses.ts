import { getSyncState, setWatermark } from '../../db/queries/listings/sync-watermark.ts';
import { upsertOpenHouses } from '../../db/use-cases/listings/upsert-open-houses.ts';
import { isMissingResource } from '../../integrations/reso/reso-client.ts';
import type { Runtime } from '../runtime.ts';
import { advanceWatermark } from './advance-watermark.ts';

/** Its own sync_state row: open houses change on their own clock, not with the Property records. */
export const RESO_OPEN_HOUSE_SOURCE = 'reso:open_house';
const MAX_PAGES_PER_RUN = 50;
const PAGE_SIZE = 200;

export interface OpenHouseSyncResult {
  pages: number;
  upserted: number;
  announced: number;
  rejected: number;
  watermark: string | null;
  /** The feed has no OpenHouse resource (404/400 on the first page): nothing was read. */
  missing: boolean;
}

/**
 * Pages a tenant's OpenHouse records from their own watermark, through the one open-house upsert, as
 * `syncTenantFeed` pages Property. A feed without the resource is not a failure: its Property records are
 * already stored. It is logged once (noted in sync_state, so later runs stay quiet) and asked again next run,
 * in case the MLS licenses it later.
 */
export async function syncTenantOpenHouses(
  runtime: Runtime,
  tenantId: string,
  baseUrl: string,
): Promise<OpenHouseSyncResult> {
  const client = runtime.providers.resoFor(baseUrl);
  const state = await getSyncState(runtime.db, tenantId, RESO_OPEN_HOUSE_SOURCE);
  let watermark = state?.watermark ?? null;
  const totals = { pages: 0, upserted: 0, announced: 0, rejected: 0 };
  const note = (meta: Record<string, unknown>) =>
    setWatermark(runtime.db, { tenantId, source: RESO_OPEN_HOUSE_SOURCE, watermark, meta, now: runtime.clock.now() });
  try {
    for await (const page of client.openHousePages({ since: watermark, top: PAGE_SIZE })) {
      const result = await upsertOpenHouses(runtime, { tenantId, openHouses: page.records });
      totals.pages++;
      totals.upserted += result.upserted;
      totals.announced += result.announced;
      totals.rejected += new Set(result.rejected.map((r) => r.index)).size;
      if (result.rejected.length)
        runtime.logger.warn({ tenantId, rejected: result.rejected.slice(0, 20) }, 'RESO open houses rejected');
      watermark = advanceWatermark(watermark, page.records, page.nextLink !== null);
      await note({ ...totals, lastPageAt: runtime.clock.now().toISOString() });
      if (totals.pages >= MAX_PAGES_PER_RUN) break;
    }
  } catch (error) {
    // Only an answer to the first page says the resource is missing; a 400 further on is a real failure.
    if (totals.pages > 0 || !isMissingResource(error)) throw error;
    if (state?.meta.missing !== true)
      runtime.logger.warn({ tenantId, error: (error as Error).message }, 'RESO feed has no OpenHouse resource');
    await note({ missing: true, checkedAt: runtime.clock.now().toISOString() });
    return { ...totals, watermark, missing: true };
  }
  return { ...totals, watermark, missing: false };
}
