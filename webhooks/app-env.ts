import type { Logger } from '../core/observability/logger.ts';
import type { Runtime } from '../jobs/runtime.ts';

/** Hono context variables every route can read. `tenantId` is set by the API key middleware. */
export interface AppEnv {
  Variables: {
    runtime: Runtime;
    logger: Logger;
    requestId: string;
    tenantId: string;
  };
}
