import { describe, expect, it, onTestFinished } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadEnv } from '../../core/config/load-env.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { TEST_ENV } from '../helpers/runtime.ts';
import { listInboundEvents } from '../../db/queries/inbound-events.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createHarness, fixture, tenantOwning } from '../ghl-ingest/harness.ts';

const LOCATION = 've9EPM428h8vShlRW1KT';

/**
 * Holds an exclusive lock on the inbound event table, in a transaction of the app's own database, until
 * `release()`: to a webhook the database has stopped answering (on PGlite the open transaction holds it whole).
 */
function freezeInboundEvents(rt: Runtime) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = rt.db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE inbound_events IN ACCESS EXCLUSIVE MODE`);
    locked();
    await released;
  });
  return {
    isLocked,
    release: async () => {
      release();
      await done;
    },
  };
}

describe('a webhook while the database cannot take writes', () => {
  it('is answered 503 with Retry-After within the deadline, and stored once the database is back', async () => {
    const h = await createHarness({ env: { WEBHOOK_DEADLINE_MS: '1000' } });
    await tenantOwning(h.rt, [LOCATION]);
    const event = { ...fixture('ContactCreate.json'), webhookId: 'wh-frozen-1', timestamp: new Date().toISOString() };

    const freeze = freezeInboundEvents(h.rt);
    await freeze.isLocked;
    const started = Date.now();
    const shed = await h.post(event);
    const waitedMs = Date.now() - started;
    expect(shed.status).toBe(503);
    expect(Number(shed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await shed.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect(waitedMs).toBeLessThan(5000);

    await freeze.release();
    // GHL sends it again after Retry-After: now it is taken (or recognised, if the shed attempt committed late).
    const retried = await h.post(event);
    expect(retried.status).toBe(200);
    expect(['accepted', 'duplicate']).toContain(((await retried.json()) as { status: string }).status);
    const stored = (await listInboundEvents(h.rt.db, { provider: 'ghl' })).filter((e) =>
      JSON.stringify(e).includes('wh-frozen-1'),
    );
    expect(stored).toHaveLength(1);
  });
});

describe('a webhook while every PostgreSQL connection is taken', () => {
  it.skipIf(!process.env.DATABASE_URL)(
    'is answered 503 with Retry-After once the connect timeout passes, then 200',
    async () => {
      const keys = createGhlTestKeys();
      // One connection and the default 2 s connect timeout; the ingest deadline is out of the way.
      const database = await createTestDatabase({ poolSize: 1 });
      const rt = await createRuntime({
        env: loadEnv({
          ...TEST_ENV,
          GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
          WEBHOOK_DEADLINE_MS: '20000',
        }),
        database,
        migrate: false,
        schedule: false,
        logger: createLogger({ level: 'silent' }),
      });
      onTestFinished(() => rt.close());
      await tenantOwning(rt, [LOCATION]);
      const app = createApp(rt);
      const post = (body: string) =>
        app.request('/webhooks/ghl', { method: 'POST', body, headers: ghlSignedHeaders(body, keys) });
      const body = JSON.stringify({
        ...fixture('ContactCreate.json'),
        webhookId: 'wh-pool-1',
        timestamp: new Date().toISOString(),
      });

      const held = await database.pool!.connect();
      const started = Date.now();
      const shed = await post(body);
      expect(shed.status).toBe(503);
      expect(Number(shed.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(8000);

      held.release();
      const retried = await post(body);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toMatchObject({ status: 'accepted' });
    },
  );
});
