import { AppError } from '../../core/errors/app-error.ts';
import { decodeLeadCursor, encodeLeadCursor, listLeads } from '../../db/queries/leads/lead-list.ts';
import { leadDetail, type LeadDetail } from '../../db/queries/leads/lead-detail.ts';
import { leadAutomations } from '../../db/queries/automations/lead-automations.ts';
import type { AutomationRunView } from '../../core/automations/run-view.ts';
import type { Lead } from '../../db/queries/leads.ts';
import { writeBrief } from '../../bots/ai/write-lead-brief.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { leadRoutes } from '../api/lead-routes.ts';

/** A run's status as the document lists it (leadAutomations leaves out `skipped`). */
type RunStatus = 'active' | 'completed' | 'exited' | 'cancelled' | 'failed';

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

function leadDetailBody(d: LeadDetail, automations: AutomationRunView[]) {
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
    facts: d.facts.map((f) => ({ kind: f.kind, value: f.value, source: f.source, at: f.at.toISOString() })),
    automations: automations.map((a) => ({ ...a, status: a.status as RunStatus })),
  };
}

/** `GET /api/v1/leads` and `GET /api/v1/leads/:id`: every query is scoped to the API key's tenant. */
export function apiLeadRoutes(runtime: Runtime) {
  const app = apiApp();

  app.openapi(leadRoutes.list, async (c) => {
    const query = c.req.valid('query');
    const after = query.cursor ? decodeLeadCursor(query.cursor) : undefined;
    if (query.cursor && !after) throw new AppError('bad_request', 'cursor is not one this API returned');
    const page = await listLeads(runtime.db, c.get('tenantId'), {
      q: query.q,
      temperatures: query.temperature,
      agentId: query.agent,
      after,
      limit: query.limit,
    });
    return c.json({ data: page.rows.map(leadSummary), next: page.next ? encodeLeadCursor(page.next) : null }, 200);
  });

  app.openapi(leadRoutes.detail, async (c) => {
    const tenantId = c.get('tenantId');
    const detail = await leadDetail(runtime.db, tenantId, c.req.valid('param').id);
    // Another tenant's lead is indistinguishable from a missing one.
    if (!detail) throw new AppError('not_found', 'No such lead');
    const brief = c.req.valid('query').brief === '1' ? await writeBrief(runtime, tenantId, detail) : undefined;
    const automations = await leadAutomations(runtime.db, tenantId, detail.lead.id);
    return c.json({ ...leadDetailBody(detail, automations), ...(brief ? { brief } : {}) }, 200);
  });
  return app;
}
