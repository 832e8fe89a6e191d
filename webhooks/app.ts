import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { requestContext } from './middleware/request-context.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { ROUTES } from './routes/index.ts';

/**
 * The whole HTTP surface as a Hono app; tests call `app.request()` with no socket.
 * @example const app = createApp(runtime); serve({ fetch: app.fetch, port: 3000 })
 */
export function createApp(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestContext(runtime));
  app.use('*', bodyLimit());
  for (const routes of ROUTES) app.route('/', routes(runtime));
  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
