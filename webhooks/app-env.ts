import type { Logger } from '../core/observability/logger.ts';
import type { Runtime } from '../jobs/runtime.ts';
import type { ApiKeyPrincipal } from '../db/queries/settings-api-keys.ts';

/** Hono context variables every route can read. `tenantId` is set by the API key middleware. */
export interface AppEnv {
  Variables: {
    runtime: Runtime;
    logger: Logger;
    requestId: string;
    tenantId: string;
    /** Who the API key speaks for: the team's integration key or one agent (with its role). */
    principal: ApiKeyPrincipal;
  };
}
