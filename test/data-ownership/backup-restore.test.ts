import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { alerts, leads } from '../../db/schema/index.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createTenant, getTenant, listTenants } from '../../db/queries/tenants.ts';
import { createLead } from '../../db/queries/leads.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/porchlight.js', import.meta.url));

/** What a team would check after a restore: its leads, alerts and settings. */
async function snapshot(pgliteDir: string) {
  const database = await openDatabase({ pgliteDir });
  try {
    const [tenant] = await listTenants(database.db);
    return {
      tenant: { name: tenant.name, stored: (await getTenant(database.db, tenant.id))!.storedSettings },
      leads: await database.db
        .select({ name: leads.name, phone: leads.phone, score: leads.score })
        .from(leads)
        .orderBy(asc(leads.name)),
      alerts: await database.db
        .select({ kind: alerts.kind, status: alerts.status, reason: alerts.reason })
        .from(alerts)
        .orderBy(asc(alerts.dedupeKey)),
    };
  } finally {
    await database.close();
  }
}

// Real processes on real data dirs: PGlite only (on PostgreSQL the commands print the pg_dump / pg_restore
// lines instead), once per suite. Cold starts are slow on a shared machine, hence the generous timeouts.
describe.skipIf(Boolean(process.env.DATABASE_URL))(
  'porchlight backup / restore (embedded database, real process)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-backup-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const porchlight = (pgliteDir: string, ...args: string[]) => runIn({ PGLITE_DIR: pgliteDir }, ...args);
    const runIn = (env: Record<string, string>, ...args: string[]) =>
      run(process.execPath, [cli, ...args], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
        cwd: dir,
        timeout: 150_000,
      });

    it('a team backed up, wiped and restored has the same leads, alerts and settings', async () => {
      const original = join(dir, 'original');
      const seeding = await openDatabase({ pgliteDir: original });
      await migrate(seeding);
      const { tenant } = await createTenant(seeding.db, {
        name: 'Hill Country Homes',
        settings: { delivery: { perHour: 4 }, retention: { rawBodiesDays: 7 } },
      });
      for (const [name, phone, score] of [
        ['Ana Lopez', '+15125550101', 91],
        ['Ben Ortiz', '+15125550102', 55],
        ['Cy Park', '+15125550103', 20],
      ] as const) {
        const lead = await createLead(seeding.db, { tenantId: tenant.id, name, phone, score });
        await insertAlert(seeding.db, {
          tenantId: tenant.id,
          kind: 'hot_lead',
          priority: score > 80 ? 'critical' : 'normal',
          leadId: lead.id,
          listingKey: null,
          dedupeKey: `hot:${name}`,
          reason: `lead became hot (score ${score})`,
          expiresAt: new Date('2030-01-01'),
        });
      }
      await seeding.close();
      const before = await snapshot(original);

      const file = join(dir, 'team.backup');
      const backup = await porchlight(original, 'backup', file, '--json');
      const summary = JSON.parse(backup.stdout);
      expect(summary).toMatchObject({ file, tables: { tenants: 1, leads: 3, alerts: 3 } });
      expect(summary.bytes).toBeGreaterThan(0);

      // The wipe: a new, empty data dir.
      const fresh = join(dir, 'fresh');
      const restored = JSON.parse((await porchlight(fresh, 'restore', file, '--json')).stdout);
      expect(restored).toMatchObject({ tables: { tenants: 1, leads: 3, alerts: 3 }, previousDataDir: null });
      expect(await snapshot(fresh)).toEqual(before);
      expect(before.tenant.stored).toEqual({ delivery: { perHour: 4 }, retention: { rawBodiesDays: 7 } });

      // A data dir that holds a database is not overwritten without --force, and is left as it was.
      const refused = await porchlight(fresh, 'restore', file).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        `porchlight: ${fresh} already holds a database; pass --force to replace it (it is moved aside, not deleted)\n`,
      );
      expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
    }, 400_000);

    it('on PostgreSQL both commands exit 2 naming the pg_dump / pg_restore command to run instead', async () => {
      const env = { DATABASE_URL: 'postgres://porchlight:secret@db.internal:5432/porchlight' };
      const failed = (args: string[]) =>
        runIn(env, ...args).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
      const backup = await failed(['backup', 'team.dump']);
      expect(backup.code).toBe(2);
      expect(backup.stderr).toBe(
        'porchlight: backup covers the embedded database; with DATABASE_URL set run: ' +
          'pg_dump -Fc --no-owner -d "$DATABASE_URL" -f team.dump\n',
      );
      const restore = await failed(['restore', 'team.dump']);
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain('pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" team.dump');
      // The URL (and its password) is not echoed.
      expect(restore.stderr).not.toContain('secret');
    }, 120_000);
  },
);
