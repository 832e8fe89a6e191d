import { Hono } from 'hono';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { leads } from '../../db/schema/index.ts';
import {
  createSavedSearch,
  deactivateSavedSearch,
  listSavedSearches,
  savedSearchBody,
  updateSavedSearch,
} from '../../db/queries/saved-searches.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

const Extra = z.object({
  leadId: z.string({ error: 'is required' }).min(1, 'is required'),
  name: z.string().max(200).optional(),
});

/** Every problem at once, each naming its field: `maxPrice: must be 0 or more; near.miles: ...`. */
function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

function parseBody(raw: unknown, needLead: boolean) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new AppError('validation_failed', 'body: must be a JSON object');
  const { leadId, name, ...rest } = raw as Record<string, unknown>;
  const extra = (needLead ? Extra : Extra.partial()).safeParse({ leadId, name });
  const criteria = SavedSearchCriteria.safeParse(rest);
  const messages = [
    extra.success ? '' : problems(extra.error),
    criteria.success ? '' : problems(criteria.error),
  ].filter(Boolean);
  if (messages.length || !extra.success || !criteria.success)
    throw new AppError('validation_failed', messages.join('; '));
  return { ...extra.data, criteria: criteria.data };
}

const readJson = (c: { req: { json(): Promise<unknown> } }) =>
  c.req.json().catch(() => {
    throw new AppError('invalid_json', 'Body is not valid JSON');
  });

/**
 * `POST /api/v1/saved-searches` (§7), `PATCH` and `DELETE /api/v1/saved-searches/:id`,
 * `GET /api/v1/saved-searches?leadId=`. Creating or editing a search queues matching against
 * current listings in the same transaction, so a saved search never waits for the next change.
 */
export function apiSavedSearchRoutes(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/saved-searches', tenantApiKey());
  app.use('/api/v1/saved-searches/*', tenantApiKey());

  app.post('/api/v1/saved-searches', async (c) => {
    const tenantId = c.get('tenantId');
    const input = parseBody(await readJson(c), true);
    const [lead] = await runtime.db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, input.leadId!), isNull(leads.deletedAt)));
    if (!lead) throw new AppError('validation_failed', `leadId: no lead ${input.leadId} in this team`);
    const row = await runtime.db.transaction(async (tx) => {
      const created = await createSavedSearch(tx, {
        tenantId,
        leadId: lead.id,
        criteria: input.criteria,
        origin: 'api',
        name: input.name,
        now: runtime.clock.now(),
      });
      await runtime.queue.enqueue(
        'listing.match',
        { direction: 'search', tenantId, savedSearchId: created.id },
        { tx },
      );
      return created;
    });
    return c.json(savedSearchBody(row), 201);
  });

  app.patch('/api/v1/saved-searches/:id', async (c) => {
    const tenantId = c.get('tenantId');
    const input = parseBody(await readJson(c), false);
    const row = await runtime.db.transaction(async (tx) => {
      const updated = await updateSavedSearch(tx, {
        tenantId,
        id: c.req.param('id'),
        criteria: input.criteria,
        name: input.name,
        now: runtime.clock.now(),
      });
      if (updated)
        await runtime.queue.enqueue(
          'listing.match',
          { direction: 'search', tenantId, savedSearchId: updated.id },
          { tx },
        );
      return updated;
    });
    if (!row) throw new AppError('not_found', 'No such saved search');
    return c.json(savedSearchBody(row));
  });

  app.delete('/api/v1/saved-searches/:id', async (c) => {
    const row = await deactivateSavedSearch(runtime.db, c.get('tenantId'), c.req.param('id'), runtime.clock.now());
    if (!row) throw new AppError('not_found', 'No such saved search');
    return c.json(savedSearchBody(row));
  });

  app.get('/api/v1/saved-searches', async (c) => {
    const rows = await listSavedSearches(runtime.db, c.get('tenantId'), {
      leadId: c.req.query('leadId'),
      activeOnly: c.req.query('active') !== 'false',
    });
    return c.json({ data: rows.map(savedSearchBody), next: null });
  });
  return app;
}
