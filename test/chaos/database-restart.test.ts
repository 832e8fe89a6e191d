import { describe, expect, it, onTestFinished } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { http, passthrough } from 'msw';
import { loadEnv } from '../../core/config/load-env.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { inboundEvents, leads } from '../../db/schema/index.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { freePort, postgresBin, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { TEST_ENV } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server as msw } from '../msw/server.ts';
import { fixture } from '../ghl-ingest/harness.ts';
import { reportLine } from './chaos-scale.ts';

const root = join(import.meta.dirname, '..', '..');
const LOCATION = 've9EPM428h8vShlRW1KT';
const bin = postgresBin();

interface Answer {
  n: number;
  status: number | 'no answer';
  retryAfter: string | null;
  ms: number;
  phase: 'before' | 'during' | 'after';
}

describe('PostgreSQL restarting under webhook load', () => {
  // A real server process on a cluster of its own: once per suite (the PGlite pass), not again per database.
  it.skipIf(!bin || Boolean(process.env.DATABASE_URL))(
    'the server stays up, sheds with 503 + Retry-After, resumes, and keeps every event it took',
    {
      timeout: 120_000,
    },
    async () => {
      const pg = await startPrivatePostgres(bin!);
      onTestFinished(() => pg.stop());
      const keys = createGhlTestKeys();

      // The tenant GHL's location belongs to, created before the server starts.
      const setup = await openDatabase({ url: pg.url, poolSize: 2 });
      await migrate(setup);
      await createTenant(setup.db, { name: 'Hill Country Homes', ghlLocations: [LOCATION] });

      const port = await freePort();
      const server = spawn(process.execPath, [join(root, 'bin/porchlight.js'), 'start'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          ...TEST_ENV,
          LOG_LEVEL: 'warn',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: pg.url,
          GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      server.stdout!.on('data', (d) => (output += d));
      server.stderr!.on('data', (d) => (output += d));
      onTestFinished(() => {
        if (server.exitCode === null) server.kill('SIGKILL');
      });
      const base = `http://127.0.0.1:${port}`;
      // The one outbound destination of this test: our own server process.
      msw.use(http.all(`${base}/*`, () => passthrough()));
      await waitFor(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 60_000, 200);

      const answers: Answer[] = [];
      let phase: Answer['phase'] = 'before';
      const send = async (n: number) => {
        const body = JSON.stringify({
          ...fixture('ContactCreate.json'),
          id: `contact-restart-${n}`,
          webhookId: `wh-restart-${n}`,
          timestamp: new Date().toISOString(),
        });
        const sentIn = phase;
        const started = Date.now();
        try {
          const res = await fetch(`${base}/webhooks/ghl`, {
            method: 'POST',
            body,
            headers: ghlSignedHeaders(body, keys),
            signal: AbortSignal.timeout(8000),
          });
          await res.arrayBuffer();
          answers.push({
            n,
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            ms: Date.now() - started,
            phase: sentIn,
          });
        } catch {
          answers.push({ n, status: 'no answer', retryAfter: null, ms: Date.now() - started, phase: sentIn });
        }
      };

      // 20 webhooks a second: a second of traffic, the restart under it, then traffic until 20 answers in a row are 200.
      const inFlight: Promise<void>[] = [];
      let n = 0;
      const tick = () => inFlight.push(send(n++));
      const timer = setInterval(tick, 50);
      await new Promise((r) => setTimeout(r, 1000));
      phase = 'during';
      await pg.restart();
      phase = 'after';
      const outcome = await waitFor(
        () => {
          if (server.exitCode !== null) return 'the server process exited';
          const after = answers.filter((a) => a.phase === 'after').sort((a, b) => a.n - b.n);
          return after.length >= 20 && after.slice(-20).every((a) => a.status === 200) ? 'resumed' : undefined;
        },
        30_000,
        100,
      );
      clearInterval(timer);
      await Promise.all(inFlight);

      expect(outcome, output).toBe('resumed');
      expect(server.exitCode, output).toBeNull();
      const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 503);
      expect(unexpected, output).toEqual([]);
      const shed = answers.filter((a) => a.status === 503);
      expect(shed.every((a) => Number(a.retryAfter) > 0)).toBe(true);
      expect(answers.every((a) => a.ms < 8000)).toBe(true);

      // Every event answered 200 is stored and its job ran: a lead for each contact.
      const taken = answers.filter((a) => a.status === 200).map((a) => a.n);
      expect(taken.length).toBeGreaterThan(20);
      const eventIds = taken.map((i) => `wh-restart-${i}`);
      const contactIds = taken.map((i) => `contact-restart-${i}`);
      await waitFor(
        async () => {
          const rows = await setup.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, eventIds));
          return rows.length === eventIds.length && rows.every((r) => r.status === 'processed') ? true : undefined;
        },
        60_000,
        250,
      );
      const created = await setup.db.select().from(leads).where(inArray(leads.ghlContactId, contactIds));
      expect(new Set(created.map((l) => l.ghlContactId)).size).toBe(contactIds.length);
      await setup.close();
      const byStatus: Record<string, number> = {};
      for (const a of answers) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
      reportLine({
        scenario: 'database-restart',
        sent: answers.length,
        answered200: taken.length,
        stored: contactIds.length,
        applied: created.length,
        lost: contactIds.length - new Set(created.map((l) => l.ghlContactId)).size,
        outageAnswers: byStatus,
        slowestAnswerMs: Math.max(...answers.map((a) => a.ms)),
        processSurvived: server.exitCode === null,
      });
    },
  );
});
