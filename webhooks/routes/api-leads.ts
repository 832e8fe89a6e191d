import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';
import {
  decodeLeadCursor,
  encodeLeadCursor,
  getLeadDetail,
  listLeads,
  type LeadDetail,
} from '../../db/queries/lead-list.ts';
import type { Lead } from '../../db/queries/leads.ts';
import { writeBrief } from '../../bots/ai/write-lead-brief.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

const Temperature = z.enum(['hot', 'warm', 'cold']);
const ListQuery = z.object({
  q: z.string().max(200).optional(),
  temperature: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(
      z.array(Temperature, { error: 'temperature must be hot, warm or cold (comma-separated for several)' }).optional(),
    ),
  agent: z.string().min(1).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    throw new AppError(
      'bad_request',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The §7 lead shape every API answer shares. */
const leadSummary = (l: Lead) => ({
  id: l.id,
  ghlContactId: l.ghlContactId,
  name: l.name,
  phone: l.phone,
  email: l.email,
  score: l.score,
  temperature: l.temperature,
  reasons: l.reasons.map(({ factor, contribution, text }) => ({ factor, contribution, text })),
});

function leadDetailBody(d: LeadDetail) {
  return {
    ...leadSummary(d.lead),
    savedSearches: d.savedSearches.map((s) => ({
      id: s.id,
      leadId: s.leadId,
      minPrice: s.minPrice,
      maxPrice: s.maxPrice,
      minBeds: s.minBeds,
      minBaths: s.minBaths,
      cities: s.cities,
      postalCodes: s.postalCodes,
      near:
        s.nearLat !== null && s.nearLon !== null && s.nearMiles !== null
          ? { lat: s.nearLat, lon: s.nearLon, miles: s.nearMiles }
          : null,
      propertyTypes: s.propertyTypes,
      keywords: s.keywords,
      frequency: s.frequency,
    })),
    assignee: d.assignee,
    activities: d.activities.map((a) => ({
      kind: a.kind,
      direction: a.direction,
      channel: a.channel,
      body: a.body,
      listingKey: a.listingKey,
      occurredAt: a.occurredAt.toISOString(),
    })),
  };
}

/** `GET /api/v1/leads` and `GET /api/v1/leads/:id`: every query is scoped to the API key's tenant. */
export function apiLeadRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/leads', tenantApiKey());
  app.use('/api/v1/leads/*', tenantApiKey());

  app.get('/api/v1/leads', async (c) => {
    const query = parseQuery(ListQuery, c.req.query());
    const after = query.cursor ? decodeLeadCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new AppError('bad_request', 'cursor is not one this API returned');
    const page = await listLeads(runtime.db, c.get('tenantId'), {
      q: query.q,
      temperatures: query.temperature,
      agentId: query.agent,
      after,
      limit: query.limit,
    });
    return c.json({ data: page.rows.map(leadSummary), next: page.next ? encodeLeadCursor(page.next) : null });
  });

  app.get('/api/v1/leads/:id', async (c) => {
    const tenantId = c.get('tenantId');
    const detail = await getLeadDetail(runtime.db, tenantId, c.req.param('id'));
    // Another tenant's lead is indistinguishable from a missing one.
    if (!detail) throw new AppError('not_found', 'No such lead');
    const body: Record<string, unknown> = leadDetailBody(detail);
    if (c.req.query('brief') === '1') body.brief = await writeBrief(runtime, tenantId, detail);
    return c.json(body);
  });
  return app;
}
