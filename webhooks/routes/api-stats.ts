import { isPostgresDate } from '../../db/queries/alert-list.ts';
import { Hono } from 'hono';
import { AppError } from '../../core/errors/app-error.ts';
import { speedToLead } from '../../db/queries/speed-to-lead.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';

const DEFAULT_WINDOW_DAYS = 30;

/** `GET /api/v1/stats/speed-to-lead?since=<ISO date>`: p50/p90 minutes to first human contact. */
export function apiStatsRoutes(runtime: Runtime) {
  const app = new Hono<AppEnv>();
  app.use('/api/v1/stats/*', tenantApiKey());
  app.get('/api/v1/stats/speed-to-lead', async (c) => {
    const raw = c.req.query('since');
    const since = raw ? new Date(raw) : new Date(runtime.clock.now().getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (raw && !isPostgresDate(raw))
      throw new AppError('bad_request', `since must be an ISO date between years 1 and 9999, got ${raw}`);
    const stats = await speedToLead(runtime.db, c.get('tenantId'), since);
    return c.json({ since: since.toISOString(), ...stats });
  });
  return app;
}
