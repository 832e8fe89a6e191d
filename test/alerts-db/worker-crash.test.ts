import { describe, expect, it, onTestFinished } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { eq } from 'drizzle-orm';
import { loadEnv } from '../../core/config/load-env.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { deliveries } from '../../db/schema/index.ts';
import { createDelivery } from '../../db/queries/deliveries/create-delivery.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { createLead } from '../../db/queries/leads.ts';
import { createAgent, createTenant } from '../../db/queries/tenants.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { TEST_ENV } from '../helpers/runtime.ts';

const root = join(import.meta.dirname, '..', '..');

/** A loopback chat provider: stores messages by idempotency key and can hold its first answer. */
async function fakeProvider() {
  const messages: Array<{ id: string; key: string; to: string }> = [];
  const held: ServerResponse[] = [];
  let onFirst: () => void = () => {};
  const firstArrived = new Promise<void>((resolve) => {
    onFirst = resolve;
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'GET') {
      const found = messages.find((m) => m.key === url.searchParams.get('key'));
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ?? {}));
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const { key, to } = JSON.parse(body) as { key: string; to: string };
      const message = { id: `msg-${messages.length + 1}`, key, to };
      messages.push(message);
      // The first message is accepted but its answer never comes back: the sender dies waiting.
      if (messages.length === 1) {
        held.push(res);
        onFirst();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: message.id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  onTestFinished(
    () =>
      new Promise<void>((r) => {
        for (const res of held) res.destroy();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, messages, firstArrived };
}

function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string) => Promise<void>;
} {
  // `node --import tsx` rather than the tsx CLI: one process, so SIGKILL lands on the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/fixtures/processes/delivery-worker.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never saw ${text}:\n${out}`)), 45_000);
      const check = () => {
        if (out.includes(text)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      check();
    });
  return { child, output: () => out, waitFor };
}

/** Opens the test database as the test's own process part (PGlite: only while no worker runs). */
async function withDb<T>(
  target: { url?: string; dir?: string },
  fn: (rt: Awaited<ReturnType<typeof createRuntime>>) => Promise<T>,
): Promise<T> {
  const database: Database = target.url
    ? await openDatabase({ url: target.url, poolSize: 2 })
    : await openDatabase({ pgliteDir: target.dir });
  const rt = await createRuntime({
    env: loadEnv({ ...TEST_ENV }),
    database,
    migrate: !target.url,
    schedule: false,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
    await database.close();
  }
}

describe('a worker killed in the middle of a delivery', () => {
  it('after a restart the alert is delivered exactly once: the provider saw one message', {
    timeout: 120_000,
  }, async () => {
    const provider = await fakeProvider();
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-crash-'));
    const target: { url?: string; dir?: string } = {};
    if (process.env.DATABASE_URL) {
      const database = await createTestDatabase();
      target.url = database.connectionString!;
      await database.close();
    } else {
      target.dir = join(dir, 'pglite');
    }

    const deliveryId = await withDb(target, async (rt) => {
      const { tenant } = await createTenant(rt.db, { name: 'Crash Realty' });
      await createAgent(rt.db, { tenantId: tenant.id, name: 'Ana', email: 'ana@crash.test', slackUserId: 'U_ANA' });
      const lead = await createLead(rt.db, { tenantId: tenant.id, name: 'Lee Buyer', score: 90, temperature: 'hot' });
      const alert = await insertAlert(rt.db, {
        tenantId: tenant.id,
        kind: 'hot_lead',
        priority: 'high',
        leadId: lead.id,
        listingKey: null,
        dedupeKey: 'crash',
        reason: 'Score jumped to 90',
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      const row = await rt.db.transaction((tx) =>
        createDelivery(tx, rt.queue, {
          tenantId: tenant.id,
          alertId: alert!.id,
          channel: 'slack',
          recipient: 'U_ANA',
          recipientKind: 'agent',
        }),
      );
      return row!.id;
    });

    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...TEST_ENV,
      PORT: '0',
      FAKE_PROVIDER_URL: provider.url,
      DELIVERY_ID: deliveryId,
      ...(target.url ? { DATABASE_URL: target.url } : { PGLITE_DIR: target.dir! }),
    };
    const first = startWorker(env);
    await provider.firstArrived;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(provider.messages).toHaveLength(1);

    await withDb(target, async (rt) => {
      const [row] = await rt.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
      expect(row).toMatchObject({ status: 'sending', attempts: 1 });
      // Stand in for pg-boss's monitor, which fails an active job whose worker stopped heart-beating
      // (alert.deliver: heartbeatSeconds 10) on its next supervise pass; we do not wait for that pass.
      const [job] = (await rt.queue.boss.findJobs('alert.deliver', {})).filter((j) => j.state === 'active');
      await rt.queue.boss.fail('alert.deliver', job.id, { message: 'worker died' });
    });

    const second = startWorker(env);
    await second.waitFor('DELIVERY ');
    expect(second.output()).toContain('DELIVERY sent msg-1 attempts=1');
    expect(provider.messages).toEqual([
      expect.objectContaining({ key: expect.stringContaining(':slack:U_ANA'), to: 'U_ANA' }),
    ]);
  });
});
