import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { makeAgent, makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { FUZZ_TIMEOUT_MS, deepNesting, fuzzParams, hostileJson, hostileString } from './hostile-values.ts';
import { expectHandled, reportFuzzFigures } from './refusal-shape.ts';

type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; security?: unknown[] };
type Document = { paths: Record<string, Record<string, Operation>> };

/** One request to one documented route, with every path, query and body part chosen by fast-check. */
interface ApiCall {
  method: string;
  path: string;
  query: Array<[string, string]>;
  body?: string;
}

function callsFor(doc: Document, realIds: string[]): fc.Arbitrary<ApiCall> {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => op.security?.length)
      .map(([method, op]) => ({ method, path, op })),
  );
  const idOrJunk = fc.oneof(fc.constantFrom(...realIds), hostileString);
  return fc.constantFrom(...operations).chain(({ method, path, op }) => {
    const pathParams = path.match(/\{\w+\}/g) ?? [];
    const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    return fc.record({
      method: fc.constant(method.toUpperCase()),
      path: fc
        .tuple(...pathParams.map(() => idOrJunk))
        .map((values) =>
          pathParams.reduce(
            (p, param, i) => p.replace(param, encodeURIComponent(Buffer.from(values[i]).toString())),
            path,
          ),
        ),
      query: queryNames.length
        ? fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), hostileString), hostileString), { maxLength: 4 })
        : fc.constant([]),
      body: op.requestBody
        ? fc.oneof(
            hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
            deepNesting,
            hostileString,
          )
        : fc.constant(undefined),
    });
  });
}

afterAll(reportFuzzFigures);

describe('fuzzing every /api/v1 route: params, query and body', () => {
  it(
    'never answers 5xx, and every refusal is JSON naming the problem',
    async () => {
      // Thousands of calls with one key: lift the per-key limit, or every answer past it is a 429 and proves nothing.
      const rt = await createTestRuntime({ env: { API_RATE_LIMIT_PER_MINUTE: '1000000' } });
      const app = createApp(rt);
      const { tenant, apiKey } = await makeTenant(rt);
      const agent = await makeAgent(rt, tenant.id, { role: 'manager' });
      const lead = await makeLead(rt, tenant.id);
      const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Document;
      await fc.assert(
        fc.asyncProperty(callsFor(doc, [agent.id, lead.id, tenant.id]), async (call) => {
          const query = call.query.length ? `?${new URLSearchParams(call.query)}` : '';
          const res = await app.request(call.path + query, {
            method: call.method,
            headers: {
              authorization: `Bearer ${apiKey}`,
              ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: call.body,
          });
          await expectHandled(res, `${call.method} ${call.path}${query} ${call.body?.slice(0, 200) ?? ''}`, 'api/v1');
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('counterexamples the API fuzzer found, kept as regression tests', () => {
  it('a NUL in a path id (400) or a query filter (422) is refused by name, not a 500', async () => {
    const rt = await createTestRuntime();
    const app = createApp(rt);
    const { apiKey } = await makeTenant(rt);
    const cases: Array<[string, number]> = [
      ['/api/v1/saved-searches?leadId=%00', 422],
      ['/api/v1/leads/%00', 400],
    ];
    for (const [path, status] of cases) {
      const res = await app.request(path, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/control characters/);
    }
  });
});
