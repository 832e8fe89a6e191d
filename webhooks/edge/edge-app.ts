import { Hono } from 'hono';
import type { Runtime } from '../../jobs/runtime.ts';
import type { AppEnv } from '../app-env.ts';
import { handleError, handleNotFound } from '../error-handler.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { ingestDeadline } from '../middleware/ingest-deadline.ts';
import { requestContext } from '../middleware/request-context.ts';
import { discordRoutes } from '../routes/discord.ts';
import { ghlRoutes, type GhlRouteOptions } from '../routes/ghl.ts';
import { livenessRoutes } from '../routes/health.ts';
import { sendgridRoutes } from '../routes/sendgrid.ts';
import { slackRoutes } from '../routes/slack.ts';
import { twilioRoutes } from '../routes/twilio.ts';
import { unsubscribeRoutes } from '../routes/unsubscribe.ts';
import { recountBacklog, type EdgeBacklogGate } from './edge-backlog-gate.ts';

export interface EdgeAppOptions extends GhlRouteOptions {
  /** The isolate's `ghl.event` gate, recounted through the request's own connection. */
  ghlBacklogGate: EdgeBacklogGate;
}

/**
 * The Worker's Hono app: the inbound webhook routes and `/healthz`, built from the very route modules, signature
 * checks and ingest functions the Node app (webhooks/app.ts) mounts, behind the same request context, 1 MiB body
 * limit, ingest deadline and error answers. Nothing else is served here: the REST API, pages, OAuth, /readyz and
 * /metrics stay on Node. Built per request around that request's runtime (its own database connection).
 * @example export default { fetch: (req, env, ctx) => createEdgeApp(runtime, options).fetch(req, env, ctx) }
 */
export function createEdgeApp(runtime: Runtime, options: EdgeAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(runtime));
  app.use('*', bodyLimit());
  app.use('/webhooks/*', ingestDeadline(runtime.env.WEBHOOK_DEADLINE_MS));
  app.use('/webhooks/ghl', recountBacklog(options.ghlBacklogGate));
  app.route('/', livenessRoutes());
  app.route('/', ghlRoutes(runtime, options));
  app.route('/', twilioRoutes(runtime));
  app.route('/', sendgridRoutes(runtime));
  app.route('/', slackRoutes(runtime));
  app.route('/', discordRoutes(runtime));
  app.route('/', unsubscribeRoutes(runtime));
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
