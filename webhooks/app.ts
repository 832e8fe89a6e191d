import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { requestContext } from './middleware/request-context.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { ingestDeadline } from './middleware/ingest-deadline.ts';
import { holdBulkWhileAnswering } from './middleware/hold-bulk-while-answering.ts';
import { apiRateLimit, pageRateLimit } from './middleware/rate-limit.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { ROUTES, type RouteOptions } from './routes/index.ts';
import { validationHook } from './api/validation-hook.ts';
import { serveOpenApiDocument } from './api/serve-openapi-document.ts';

/** Pages anyone may open without a key; one shared per-address budget across them. */
const OPEN_PAGES = ['/l/*', '/unsubscribe/*', '/oauth/*', '/slack/install', '/slack/oauth_redirect'];

/**
 * The whole HTTP surface as a Hono app; tests call `app.request()` with no socket. The `/api/v1`
 * groups register their declarations here, and `GET /api/v1/openapi.json` describes them.
 * @example const app = createApp(runtime); serve({ fetch: app.fetch, port: 3000 })
 */
export function createApp(runtime: Runtime, options: RouteOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestContext(runtime));
  // From the first byte: a webhook's body is read (and limited) before any route sees it.
  app.use('/webhooks/*', holdBulkWhileAnswering(runtime));
  app.use('*', bodyLimit());
  app.use('/webhooks/*', ingestDeadline(runtime.env.WEBHOOK_DEADLINE_MS));
  const { env } = runtime;
  app.use('/api/v1/*', apiRateLimit({ limit: env.API_RATE_LIMIT_PER_MINUTE, trustProxy: env.TRUST_PROXY }));
  const pages = pageRateLimit({ limit: env.PAGE_RATE_LIMIT_PER_MINUTE, trustProxy: env.TRUST_PROXY });
  for (const path of OPEN_PAGES) app.use(path, pages);
  for (const routes of ROUTES) app.route('/', routes(runtime, options));
  serveOpenApiDocument(app);
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
