import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createGhlTestKeys, ghlSignedHeaders, type GhlTestKeys } from '../helpers/ghl-signing.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { createApp } from '../../webhooks/app.ts';
import type { RouteOptions } from '../../webhooks/routes/index.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { listInboundEvents } from '../../db/queries/inbound-events.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { Clock } from '../../core/time/clock.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ghl', import.meta.url));
export const fixtureFiles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();
export const fixtureText = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
export const fixture = (file: string) => JSON.parse(fixtureText(file)) as Record<string, unknown>;
/** Every locationId the documented examples use: a tenant owning them all receives every example. */
export const fixtureLocations = [
  ...new Set(fixtureFiles.map((f) => fixture(f).locationId).filter((l): l is string => typeof l === 'string')),
];

export interface Harness {
  rt: Runtime;
  keys: GhlTestKeys;
  app: ReturnType<typeof createApp>;
  post(
    body: string | object,
    options?: { scheme?: 'ed25519' | 'rsa-sha256'; headers?: Record<string, string> },
  ): Promise<Response>;
  jobs(queue?: string): Promise<number>;
  /** Runs the ghl.event/crm.event workers until no stored event is waiting. */
  drain(): Promise<void>;
}

export async function createHarness(
  options: { clock?: Clock; env?: Record<string, string>; routes?: (rt: Runtime) => RouteOptions } = {},
): Promise<Harness> {
  const keys = createGhlTestKeys();
  const rt = await createTestRuntime({
    clock: options.clock,
    env: {
      GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
      GHL_WEBHOOK_LEGACY_PUBLIC_KEY: keys.rsa.publicKeyPem,
      ...options.env,
    },
  });
  const app = createApp(rt, options.routes?.(rt));
  let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
  return {
    rt,
    keys,
    app,
    async post(body, opts = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return app.request('/webhooks/ghl', {
        method: 'POST',
        body: text,
        headers: { ...ghlSignedHeaders(text, keys, opts.scheme), ...opts.headers },
      });
    },
    async jobs(queue = 'ghl.event') {
      const r = await rt.db.execute(sql`select count(*)::int as n from pgboss.job where name = ${queue}`);
      return Number((r as unknown as { rows: Array<{ n: number }> }).rows[0].n);
    },
    async drain() {
      workers ??= await startWorkers(rt, { queues: ['ghl.event', 'crm.event'], schedules: false });
      await waitFor(
        async () => ((await listInboundEvents(rt.db, { status: 'accepted' })).length === 0 ? true : undefined),
        20_000,
      );
    },
  };
}

export async function tenantOwning(rt: Runtime, locations: string[], settings: Record<string, unknown> = {}) {
  return rt.db.transaction((tx) => createTenant(tx, { name: 'Hill Country Homes', ghlLocations: locations, settings }));
}
