import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

type Operation = {
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: unknown;
  responses: Record<string, unknown>;
};
type Document = {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }> };
};
type App = ReturnType<typeof createApp>;

/**
 * Every `/api/v1` route the app answers, read from Hono's own routing table (middleware is
 * registered under method ALL) and written the way OpenAPI writes paths.
 */
function apiRoutesOf(app: App): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/v1') || r.method === 'ALL') continue;
    const route = { method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') };
    seen.set(`${route.method} ${route.path}`, route);
  }
  return [...seen.values()];
}

async function setup() {
  const rt = await createTestRuntime();
  const app = createApp(rt);
  const { apiKey } = await makeTenant(rt);
  const res = await app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Document;
  const call = (method: string, path: string, init: { body?: string; type?: string; key?: string | null } = {}) =>
    app.request(path.replace(/\{\w+\}/g, 'no-such-id'), {
      method: method.toUpperCase(),
      headers: {
        ...(init.key === null ? {} : { authorization: `Bearer ${init.key ?? apiKey}` }),
        ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      body: init.body,
    });
  return { app, doc, call, routes: apiRoutesOf(app) };
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document for Porchlight, served without a key, with a bearer key scheme', async () => {
    const { doc } = await setup();
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.info.title).toBe('Porchlight');
    expect(Object.values(doc.components.securitySchemes)).toEqual([
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    ]);
    // Compiling the OpenAPI 3.1 meta-schema is CPU-heavy: leave room on a loaded CI box.
  }, 60_000);

  it('describes every /api/v1 route the app serves, and nothing else, with the errors each can answer', async () => {
    const { doc, routes } = await setup();
    const described = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const { method, path } of routes) {
      const op = doc.paths[path][method];
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses);
      if (!op.security?.length) continue; // the document itself
      expect(statuses, where).toEqual(expect.arrayContaining(['401', '429']));
      for (const param of path.match(/\{\w+\}/g) ?? [])
        expect(
          op.parameters?.map((p) => `{${p.name}}`),
          where,
        ).toContain(param);
      if (op.parameters?.length || op.requestBody) expect(statuses, where).toContain('422');
      if (op.requestBody) expect(statuses, where).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
  });

  it('documents what each route answers to a missing key, malformed JSON, a wrong media type, a bad id', async () => {
    const { doc, call, routes } = await setup();
    expect(routes.filter((r) => doc.paths[r.path][r.method].requestBody).length).toBeGreaterThanOrEqual(3);
    for (const { method, path } of routes) {
      const op = doc.paths[path][method];
      const where = `${method.toUpperCase()} ${path}`;
      const documented = (res: Response) => expect(Object.keys(op.responses), where).toContain(String(res.status));
      const anonymous = await call(method, path, { key: null });
      documented(anonymous);
      if (!op.security?.length) continue;
      expect(anonymous.status, where).toBe(401);
      expect(await errorOf(anonymous), where).toMatchObject({ code: 'unauthorized' });
      if (op.requestBody) {
        const malformed = await call(method, path, { body: '{"listings": [' });
        documented(malformed);
        expect(malformed.status, where).toBe(400);
        expect(await errorOf(malformed), where).toMatchObject({ code: 'invalid_json' });
        const text = await call(method, path, { body: '{}', type: 'text/plain' });
        documented(text);
        expect(await errorOf(text), where).toMatchObject({ code: 'unsupported_media_type' });
      }
      // A well-formed request for an id nobody has: whatever it answers must be in the document.
      documented(await call(method, path, op.requestBody ? { body: '{}' } : {}));
    }
    // Four or five requests per route, each through the whole app and database.
  }, 60_000);

  it('answers a body that breaks the schema with 422 naming each problem, on every body route', async () => {
    const { call } = await setup();
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['post', '/api/v1/listings', { items: [] }, /^listings: must be an array of RESO Property objects/],
      ['post', '/api/v1/saved-searches', { maxPrice: -5 }, /maxPrice: must be 0 or more.*leadId: is required/],
      ['patch', '/api/v1/saved-searches/{id}', { minBeds: 2.5 }, /^minBeds: must be a whole number$/],
      ['post', '/api/v1/alerts/{id}/actions', { action: 'teleport' }, /^action: /],
      ['post', '/api/v1/events', { id: 'e1', type: 'contact.upserted' }, /occurredAt: .*contact: /],
      ['put', '/api/v1/routing-rules', 'everyone', /^body: must be \{"rules":\[\.\.\.\]\} or a list/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await call(method, path, { body: JSON.stringify(body) });
      expect(res.status, path).toBe(422);
      const error = await errorOf(res);
      expect(error.code, path).toBe('validation_failed');
      expect(error.message, path).toMatch(message);
    }
  });

  it('answers a bad query or path the same way as a bad body', async () => {
    const { call } = await setup();
    const page = await call('get', '/api/v1/alerts?limit=0&priority=urgent');
    expect(page.status).toBe(422);
    expect(await errorOf(page)).toEqual({
      code: 'validation_failed',
      message: expect.stringMatching(/^priority: must be one of critical, high, normal, low.*; limit: /),
    });
    const leads = await call('get', '/api/v1/leads?limit=many');
    expect(leads.status).toBe(422);
    expect((await errorOf(leads)).message).toMatch(/^limit: /);
  });
});
