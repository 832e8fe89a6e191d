import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { API_KEY_SCHEME, json } from './api-route.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';

const DOCUMENT_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Porchlight',
    version: '1.0.0',
    description:
      'Leads, listings, saved searches, alerts and routing for one team, scoped to its API key. ' +
      'Errors are `{"error":{"code","message"}}`; lists page with an opaque `cursor` and answer `next`.',
  },
};

const documentRoute = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  summary: 'This OpenAPI 3.1 document (no API key needed)',
  tags: ['meta'],
  responses: { 200: { description: 'The OpenAPI 3.1 document', content: json(z.record(z.string(), z.unknown())) } },
});

/**
 * Serves `GET /api/v1/openapi.json`, generated from the same route declarations that validate
 * requests, so the document cannot describe an API other than the one running. Call it after
 * every route group is mounted; the document is built on first request and kept.
 * @example const app = new OpenAPIHono<AppEnv>(); app.route('/', apiLeadRoutes(rt)); serveOpenApiDocument(app)
 */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', API_KEY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'A tenant API key (`porchlight tenant add`, `porchlight tenant rotate-key`)',
  });
  let document: Record<string, unknown> | undefined;
  app.openapi(documentRoute, (c) => {
    document ??= app.getOpenAPI31Document(DOCUMENT_INFO) as unknown as Record<string, unknown>;
    return c.json(document, 200);
  });
}
