import { speedToLead } from '../../db/queries/reports/speed-to-lead.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { apiApp } from '../api/api-app.ts';
import { statsRoutes } from '../api/stats-routes.ts';

const DEFAULT_WINDOW_DAYS = 30;

/** `GET /api/v1/stats/speed-to-lead?since=<ISO date>`: p50/p90 minutes to first human contact. */
export function apiStatsRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(statsRoutes.speedToLead, async (c) => {
    const raw = c.req.valid('query').since;
    const since = raw ? new Date(raw) : new Date(runtime.clock.now().getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    const stats = await speedToLead(runtime.db, c.get('tenantId'), since);
    return c.json({ since: since.toISOString(), ...stats }, 200);
  });
  return app;
}
