import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { validationHook } from './validation-hook.ts';

/**
 * An `/api/v1` route group. Each group carries the validation hook itself rather than relying on
 * the parent app's, so a group mounted alone (or before its parent is set) answers the same 422.
 * @example const app = apiApp(); app.openapi(leadRoutes.list, handler)
 */
export function apiApp(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
