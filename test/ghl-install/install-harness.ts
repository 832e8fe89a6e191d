import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { count, eq } from 'drizzle-orm';
import { http, HttpResponse } from 'msw';
import type { Clock } from '../../core/time/clock.ts';
import { auditLog, oauthTokens, tenantLocations, usedStateNonces } from '../../db/schema/index.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { registerConnectCommands } from '../../bin/commands/connect.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { server } from '../msw/server.ts';
import { GHL } from '../ghl/ghl-test-server.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/oauth/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** GHL's documented answers: test/fixtures/oauth/. */
export const TOKEN_RESPONSE = fixture('ghl-token-response.json') as {
  access_token: string;
  refresh_token: string;
  locationId: string;
  companyId: string;
  userId: string;
  scope: string;
};
export const LOCATION_RESPONSE = fixture('ghl-location-response.json');
export const TOKEN_ERROR_RESPONSE = fixture('ghl-token-error-response.json');
export const LOCATION = TOKEN_RESPONSE.locationId;

export const OAUTH_ENV = {
  GHL_API_URL: GHL,
  GHL_CLIENT_ID: 'porchlight-client-id',
  GHL_CLIENT_SECRET: 'porchlight-client-secret',
};

export interface InstallHarness {
  rt: Runtime;
  app: ReturnType<typeof createApp>;
  /** `porchlight connect ghl --tenant <id> --json`, as the operator runs it. */
  connect(tenantId: string | undefined, ...flags: string[]): Promise<string>;
  /** The state of a fresh install link for the tenant. */
  installState(tenantId: string): Promise<string>;
  /** GHL sending the installer back: `GET /oauth/ghl/callback?code=&state=`. */
  callback(query: { code?: string; state?: string }): Promise<Response>;
}

export async function createInstallHarness(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<InstallHarness> {
  const rt = await createTestRuntime({ env: { ...OAUTH_ENV, ...options.env }, clock: options.clock });
  const app = createApp(rt);
  let nonces = 0;
  const harness: InstallHarness = {
    rt,
    app,
    async connect(tenantId, ...flags) {
      let out = '';
      const program = new Command('porchlight').exitOverride();
      registerConnectCommands(program, {
        env: () => rt.env,
        withRuntime: (fn) => fn(rt),
        write: (t) => {
          out += t;
        },
        nonce: () => `test-nonce-${++nonces}-${Date.now()}`,
      });
      const tenant = tenantId === undefined ? [] : ['--tenant', tenantId];
      await program.parseAsync(['connect', 'ghl', ...tenant, ...flags], { from: 'user' });
      return out;
    },
    async installState(tenantId) {
      const { url } = JSON.parse(await harness.connect(tenantId, '--json')) as { url: string };
      return new URL(url).searchParams.get('state')!;
    },
    async callback(query) {
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
      );
      return app.request(`/oauth/ghl/callback?${params}`);
    },
  };
  return harness;
}

/** GHL's token endpoint answering `reply` (default: the documented success), recording each form it got. */
export function ghlTokenEndpoint(reply: { status: number; json: object } = { status: 200, json: TOKEN_RESPONSE }) {
  const forms: Array<Record<string, string>> = [];
  server.use(
    http.post(`${GHL}/oauth/token`, async ({ request }) => {
      if (request.headers.get('content-type') !== 'application/x-www-form-urlencoded')
        return HttpResponse.json({ statusCode: 415, message: 'form expected' }, { status: 415 });
      forms.push(Object.fromEntries(new URLSearchParams(await request.text())));
      return HttpResponse.json(reply.json, { status: reply.status });
    }),
  );
  return forms;
}

/** `GET /locations/:id` as GHL documents it, recording the bearer token each call carried. */
export function ghlLocationEndpoint() {
  const authorizations: Array<string | null> = [];
  server.use(
    http.get(`${GHL}/locations/${LOCATION}`, ({ request }) => {
      authorizations.push(request.headers.get('authorization'));
      return HttpResponse.json(LOCATION_RESPONSE);
    }),
  );
  return authorizations;
}

/** What an install could have left behind: all zero means "nothing stored". */
export async function storedInstallRows(rt: Runtime) {
  const n = async (rows: Promise<Array<{ n: number }>>) => (await rows)[0].n;
  return {
    tokens: await n(rt.db.select({ n: count() }).from(oauthTokens)),
    links: await n(rt.db.select({ n: count() }).from(tenantLocations).where(eq(tenantLocations.locationId, LOCATION))),
    nonces: await n(rt.db.select({ n: count() }).from(usedStateNonces)),
    audits: await n(rt.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'ghl_location'))),
  };
}

export const NOTHING_STORED = { tokens: 0, links: 0, nonces: 0, audits: 0 };
