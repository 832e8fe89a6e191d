import { AppError } from '../../core/errors/app-error.ts';
import { deactivateSavedSearch, listSavedSearches, savedSearchBody } from '../../db/queries/saved-searches.ts';
import { saveSearch } from '../../db/use-cases/searches/save-search.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { savedSearchRoutes } from '../api/saved-search-routes.ts';

/**
 * `POST /api/v1/saved-searches` (§7), `PATCH` and `DELETE /api/v1/saved-searches/:id`,
 * `GET /api/v1/saved-searches?leadId=`. Creating or editing a search queues matching against
 * current listings in the same transaction, so a saved search never waits for the next change.
 */
export function apiSavedSearchRoutes(runtime: Runtime) {
  const app = apiApp();

  app.openapi(savedSearchRoutes.create, async (c) => {
    const tenantId = c.get('tenantId');
    const { leadId, name, ...criteria } = c.req.valid('json');
    const { search } = await saveSearch(runtime, {
      kind: 'create',
      tenantId,
      leadId,
      origin: 'api',
      criteria,
      name,
    });
    return c.json(savedSearchBody(search), 201);
  });

  app.openapi(savedSearchRoutes.update, async (c) => {
    const tenantId = c.get('tenantId');
    // A search never moves to another lead: a leadId in the body is accepted and ignored.
    const { leadId: _ignored, name, ...criteria } = c.req.valid('json');
    const { search } = await saveSearch(runtime, {
      kind: 'update',
      tenantId,
      id: c.req.valid('param').id,
      criteria,
      name,
    });
    return c.json(savedSearchBody(search), 200);
  });

  app.openapi(savedSearchRoutes.deactivate, async (c) => {
    const { id } = c.req.valid('param');
    const row = await deactivateSavedSearch(runtime.db, c.get('tenantId'), id, runtime.clock.now());
    if (!row) throw new AppError('not_found', 'No such saved search');
    return c.json(savedSearchBody(row), 200);
  });

  app.openapi(savedSearchRoutes.list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listSavedSearches(runtime.db, c.get('tenantId'), {
      leadId: query.leadId,
      activeOnly: query.active !== 'false',
    });
    return c.json({ data: rows.map(savedSearchBody), next: null }, 200);
  });
  return app;
}
