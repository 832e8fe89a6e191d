import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { tenantApiKey } from '../middleware/tenant-api-key.ts';
import { errorResponses, type ErrorStatus } from './error-responses.ts';
import { readJsonBody } from './read-json-body.ts';

/** The security scheme every `/api/v1` route but the document itself requires. */
export const API_KEY_SCHEME = 'ApiKey';

export type ApiRouteConfig = Omit<RouteConfig, 'middleware' | 'security'> & {
  /** Errors this route answers beyond the shared ones; `true` = the usual meaning, a string says when. */
  errors?: Partial<Record<ErrorStatus, string | true>>;
};

/**
 * Declares one `/api/v1` route: its schemas validate the request (through the app's one validation
 * hook) and describe it in the OpenAPI document. It adds what every route shares, so no route can
 * forget it: the tenant API key (401), 422 for any input it validates (400 for a bad path
 * parameter), 429, and for a JSON body
 * the `invalid_json` 400, 413 and 415 read before the schema sees the body.
 * @example
 * const get = apiRoute({ method: 'get', path: '/api/v1/leads/{id}', request: { params },
 *   responses: { 200: { description: 'The lead', content: json(LeadDetail) } }, errors: { 404: true } })
 */
export function apiRoute<const R extends ApiRouteConfig>(config: R): Omit<R, 'errors'> {
  const { errors, ...route } = config;
  const hasBody = Boolean(route.request?.body);
  const hasInput = hasBody || Boolean(route.request?.params || route.request?.query);
  const shared: Partial<Record<ErrorStatus, true>> = {
    401: true,
    ...(route.request?.params ? { 400: true } : {}),
    ...(hasBody ? { 400: true, 413: true, 415: true } : {}),
    ...(hasInput ? { 422: true } : {}),
    429: true,
  };
  return createRoute({
    ...route,
    security: [{ [API_KEY_SCHEME]: [] }],
    middleware: hasBody ? [tenantApiKey(), readJsonBody()] : [tenantApiKey()],
    responses: { ...errorResponses({ ...shared, ...errors }), ...route.responses },
  }) as Omit<R, 'errors'>;
}

/** `content` for a JSON body or response. */
export const json = <S>(schema: S) => ({ 'application/json': { schema } });
