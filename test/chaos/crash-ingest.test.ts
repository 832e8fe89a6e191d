import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { inboundEvents, leads } from '../../db/schema/index.ts';
import { fixture } from '../ghl-ingest/harness.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { freePort, postgresBin, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { findLeaks } from '../helpers/log-scan.ts';
import { TEST_ENV } from '../helpers/runtime.ts';
import { chaosScale, reportLine } from './chaos-scale.ts';
import { startServerProcess } from './server-process.ts';

const LOCATION = 've9EPM428h8vShlRW1KT';
const bin = postgresBin();
const EVENTS = chaosScale(300, 2_000);
const SENDERS = chaosScale(8, 16);

/** Two GHL events per contact: the contact, then her text (an activity that must exist exactly once). */
function eventBody(n: number): string {
  const contact = `crash-contact-${Math.floor(n / 2)}`;
  const base =
    n % 2 === 0
      ? { ...fixture('ContactCreate.json'), id: contact, phone: `+1512555${String(n).padStart(4, '0')}` }
      : {
          ...fixture('InboundMessage.sms.json'),
          contactId: contact,
          messageId: `crash-msg-${n}`,
          body: 'Still looking',
        };
  return JSON.stringify({
    ...base,
    locationId: LOCATION,
    webhookId: `wh-crash-${n}`,
    timestamp: new Date().toISOString(),
  });
}

describe('chaos: the server is killed mid-ingest', () => {
  // A real server process on a cluster of its own: once per suite (the PGlite pass), not again per database.
  it.skipIf(!bin || Boolean(process.env.DATABASE_URL))(
    'every event answered 200 is stored and applied exactly once, and the dead worker’s jobs resume within seconds',
    { timeout: chaosScale(150_000, 600_000) },
    async () => {
      const pg = await startPrivatePostgres(bin!);
      onTestFinished(() => pg.stop());
      const keys = createGhlTestKeys();
      const db = await openDatabase({ url: pg.url, poolSize: 2 });
      onTestFinished(() => db.close());
      await migrate(db);
      await createTenant(db.db, { name: 'Hill Country Homes', ghlLocations: [LOCATION] });

      // Logs at info, so the scan below reads what operators would see.
      const env = { DATABASE_URL: pg.url, GHL_WEBHOOK_PUBLIC_KEY: keys.ed25519.publicKeyBase64, LOG_LEVEL: 'info' };
      const port = await freePort();
      const t0 = Date.now();
      const phase = (what: string) => process.stderr.write(`[crash-ingest ${Date.now() - t0} ms] ${what}\n`);
      let server = await startServerProcess(env, port);
      await server.ready();
      phase('server ready');

      const answered = new Set<number>();
      const unanswered = new Set<number>();
      let next = 0;
      let killed = false;
      let crashDone = false;
      const send = async (n: number) => {
        const body = eventBody(n);
        try {
          const res = await fetch(`${server.base}/webhooks/ghl`, {
            method: 'POST',
            body,
            headers: ghlSignedHeaders(body, keys),
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer();
          if (res.status === 200) answered.add(n);
          else unanswered.add(n);
        } catch {
          unanswered.add(n);
        }
      };
      // Senders stop at the kill: what they sent while the process died is "unanswered".
      const sender = async () => {
        while (!killed && next < EVENTS) {
          const n = next++;
          await send(n);
          if (!killed && !crashDone && answered.size >= EVENTS / 2) {
            killed = true;
            crashDone = true;
            server.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      const sentBeforeCrash = next;
      const answeredBeforeCrash = answered.size;
      const unansweredAtCrash = unanswered.size;
      phase(`killed after ${answered.size} answered, ${unanswered.size} unanswered`);
      const dead = server.child;
      await new Promise<void>((r) =>
        dead.exitCode !== null || dead.signalCode !== null ? r() : dead.once('exit', () => r()),
      );

      phase('exit seen');
      // Group commit writes an event and its job in one transaction: the kill leaves both or neither.
      const halfWritten = await db.db.execute(
        sql`select count(*)::int as n from inbound_events e
            where e.event_id like 'wh-crash-%' and e.status = 'accepted'
              and not exists (select 1 from pgboss.job j where j.name = 'ghl.event' and j.data->>'inboundEventId' = e.id)`,
      );
      const eventsWithoutJob = (halfWritten as unknown as { rows: Array<{ n: number }> }).rows[0].n;
      const crashedOutput = server.output();
      // Restart on the same port, then time how long the jobs the dead process held take to finish.
      const restartedAt = Date.now();
      server = await startServerProcess(env, port);
      await server.ready();
      phase('restarted');
      const answeredIds = [...answered].map((n) => `wh-crash-${n}`);
      await waitFor(
        async () => {
          const rows = await db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, answeredIds));
          return rows.length === answeredIds.length && rows.every((r) => r.status === 'processed') ? true : undefined;
        },
        chaosScale(90_000, 300_000),
        250,
      );
      const resumeSeconds = (Date.now() - restartedAt) / 1000;
      phase(`answered events applied ${resumeSeconds} s after the restart`);

      // GHL retries what it never heard back about; the rest of the run is sent normally.
      next = sentBeforeCrash;
      for (const n of unanswered) await send(n);
      phase(`resent ${unanswered.size} unanswered`);
      killed = false;
      await Promise.all(Array.from({ length: SENDERS }, sender));
      phase(`sent the rest: ${answered.size} answered in all`);
      const allIds = Array.from({ length: EVENTS }, (_, n) => `wh-crash-${n}`);
      await waitFor(
        async () => {
          const rows = await db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, allIds));
          return rows.length === EVENTS && rows.every((r) => r.status === 'processed') ? true : undefined;
        },
        chaosScale(90_000, 300_000),
        250,
      );

      const stored = await db.db.select().from(inboundEvents).where(inArray(inboundEvents.eventId, allIds));
      const contacts = Array.from({ length: EVENTS / 2 }, (_, i) => `crash-contact-${i}`);
      const leadRows = await db.db.select().from(leads).where(inArray(leads.ghlContactId, contacts));
      const activity = await db.db.execute(
        sql`select external_id, count(*)::int as n from lead_activities
            where external_id like 'crash-msg-%' or external_id like 'wh-crash-%' group by external_id`,
      );
      const activityRows = (activity as unknown as { rows: Array<{ external_id: string; n: number }> }).rows;
      const duplicated =
        stored.length -
        new Set(stored.map((r) => r.eventId)).size +
        (leadRows.length - new Set(leadRows.map((l) => l.ghlContactId)).size) +
        activityRows.filter((r) => r.n > 1).length;
      const lost = answeredIds.filter((id) => !stored.some((r) => r.eventId === id)).length;
      reportLine({
        scenario: 'crash-during-ingest',
        sent: EVENTS,
        senders: SENDERS,
        answered200BeforeCrash: answeredBeforeCrash,
        unansweredAtCrash,
        answered200InAll: answered.size,
        stored: stored.length,
        applied: stored.filter((r) => r.status === 'processed').length,
        leads: leadRows.length,
        messages: activityRows.length,
        lost,
        duplicated,
        eventsWithoutJob,
        resumeSeconds,
        logBytesScanned: crashedOutput.length + server.output().length,
      });
      const phones = Array.from({ length: EVENTS }, (_, n) => `+1512555${String(n).padStart(4, '0')}`);
      const leaks = findLeaks(crashedOutput + server.output(), [
        ...phones.filter((_, n) => n % 2 === 0),
        'JohnDeo@gmail.comm',
        TEST_ENV.APP_SECRET,
      ]);
      expect(leaks).toEqual([]);
      expect(lost).toBe(0);
      expect(eventsWithoutJob).toBe(0);
      expect(duplicated).toBe(0);
      expect(leadRows.length).toBe(EVENTS / 2);
      expect(activityRows.length).toBe(EVENTS / 2);
      expect(server.child.exitCode).toBeNull();
    },
  );
});
