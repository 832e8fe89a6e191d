import { Hono } from 'hono';
import { AppError } from '../../core/errors/app-error.ts';
import { getListing } from '../../db/queries/listings.ts';
import { matchedLeads } from '../../db/queries/matches.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { upsertListings } from '../../db/queries/upsert-listings.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

/** One request stays well inside the 1 MiB body limit and one job's worth of work. */
export const MAX_LISTINGS_PER_REQUEST = 1000;

/**
 * `POST /api/v1/listings` (batch upsert of RESO-named objects, the same door as the CLI import
 * and the RESO feed) and `GET /api/v1/listings/:listingKey`, scoped to the key's tenant.
 */
export function apiListingRoutes(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/listings', tenantApiKey());
  app.use('/api/v1/listings/*', tenantApiKey());

  app.post('/api/v1/listings', async (c) => {
    const body = (await c.req.json().catch(() => {
      throw new AppError('invalid_json', 'Body is not valid JSON');
    })) as { listings?: unknown } | null;
    const items = body && typeof body === 'object' ? body.listings : undefined;
    if (!Array.isArray(items))
      throw new AppError(
        'validation_failed',
        'listings: must be an array of RESO Property objects ({"listings":[...]})',
      );
    if (items.length > MAX_LISTINGS_PER_REQUEST)
      throw new AppError(
        'validation_failed',
        `listings: at most ${MAX_LISTINGS_PER_REQUEST} per request (got ${items.length})`,
      );
    const result = await upsertListings(runtime, { tenantId: c.get('tenantId'), listings: items, source: 'api' });
    // Exactly the §7 shape: scripts rely on it.
    return c.json({ upserted: result.upserted, changes: result.changes, rejected: result.rejected });
  });

  app.get('/api/v1/listings/:listingKey', async (c) => {
    const tenantId = c.get('tenantId');
    const row = await getListing(runtime.db, tenantId, c.req.param('listingKey'));
    // Another tenant's listing is indistinguishable from a missing one.
    if (!row) throw new AppError('not_found', `No listing ${c.req.param('listingKey')}`);
    const matches = await matchedLeads(runtime.db, tenantId, row.listingKey);
    return c.json({
      ...row.data,
      dealScore: row.dealScore,
      dealReasons: row.dealReasons.map(({ factor, contribution, text }) => ({ factor, contribution, text })),
      matches: matches.map((m) => ({
        leadId: m.leadId,
        savedSearchId: m.savedSearchId,
        score: m.score,
        matchedAt: m.matchedAt.toISOString(),
      })),
    });
  });
  return app;
}
