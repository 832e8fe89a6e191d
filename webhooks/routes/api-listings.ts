import { AppError } from '../../core/errors/app-error.ts';
import { getListing, listingOf } from '../../db/queries/listings/get-listing.ts';
import { matchedLeads } from '../../db/queries/listings/matches.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { upsertListings } from '../../db/use-cases/listings/upsert-listings.ts';
import { upsertOpenHouses } from '../../db/use-cases/listings/upsert-open-houses.ts';
import { apiApp } from '../api/api-app.ts';
import { listingRoutes } from '../api/listing-routes.ts';

/**
 * `POST /api/v1/listings` (batch upsert of RESO-named objects, the same door as the CLI import
 * and the RESO feed) and `GET /api/v1/listings/:listingKey`, scoped to the key's tenant.
 */
export function apiListingRoutes(runtime: Runtime) {
  const app = apiApp();

  // Only the envelope is validated by the route; bad rows come back in `rejected` with a 200.
  app.openapi(listingRoutes.upsert, async (c) => {
    const { listings, openHouses } = c.req.valid('json');
    const tenantId = c.get('tenantId');
    const result = await upsertListings(runtime, { tenantId, listings, source: 'api' });
    // Exactly the §7 shape: scripts rely on it. Open houses, stored after the homes they belong to, add a key
    // only for callers who sent them.
    const shape = { upserted: result.upserted, changes: result.changes, rejected: result.rejected };
    if (!openHouses) return c.json(shape, 200);
    const houses = await upsertOpenHouses(runtime, { tenantId, openHouses });
    return c.json({ ...shape, openHouses: { upserted: houses.upserted, rejected: houses.rejected } }, 200);
  });

  app.openapi(listingRoutes.detail, async (c) => {
    const tenantId = c.get('tenantId');
    const { listingKey } = c.req.valid('param');
    const row = await getListing(runtime.db, tenantId, listingKey);
    // Another tenant's listing is indistinguishable from a missing one.
    if (!row) throw new AppError('not_found', `No listing ${listingKey}`);
    const matches = await matchedLeads(runtime.db, tenantId, row.listingKey);
    return c.json(
      {
        ...listingOf(row),
        dealScore: row.dealScore,
        dealReasons: row.dealReasons.map(({ factor, contribution, text }) => ({ factor, contribution, text })),
        matches: matches.map((m) => ({
          leadId: m.leadId,
          savedSearchId: m.savedSearchId,
          score: m.score,
          matchedAt: m.matchedAt.toISOString(),
        })),
      },
      200,
    );
  });
  return app;
}
