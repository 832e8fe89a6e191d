import { EntityId } from '../../core/ids/entity-id.ts';
import { z } from '@hono/zod-openapi';
import { forgetLead } from '../../db/use-cases/leads/forget-lead.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { settingsActorOf } from '../middleware/tenant-api-key.ts';
import { apiApp } from './api-app.ts';
import { apiRoute, json } from './api-route.ts';

const ForgottenLead = z
  .object({
    id: z.string(),
    forgotten: z.literal(true),
    scrubbed: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Rows whose personal data was removed, by kind; no row is deleted' }),
  })
  .openapi('ForgottenLead');

const forgetRoute = apiRoute({
  method: 'delete',
  path: '/api/v1/leads/{id}',
  tags: ['leads'],
  summary: "Forget a lead's personal data everywhere (admins); counts and the audit trail stay",
  request: { params: z.object({ id: EntityId }) },
  responses: { 200: { description: 'The lead was forgotten', content: json(ForgottenLead) } },
  errors: { 403: 'An agent key of an agent or manager: only admins forget', 404: true },
});

/** `DELETE /api/v1/leads/:id`: the same use case as `porchlight lead forget`. */
export function apiForgetLeadRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(forgetRoute, async (c) => {
    const result = await forgetLead(runtime, {
      tenantId: c.get('tenantId'),
      leadId: c.req.valid('param').id,
      actor: settingsActorOf(c.get('principal')),
    });
    return c.json({ id: result.leadId, forgotten: true as const, scrubbed: result.scrubbed }, 200);
  });
  return app;
}
