import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../core/config/load-env.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import { makeTenant } from '../helpers/factories.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/porchlight.js', import.meta.url));

describe('porchlight import listings (a spreadsheet export, real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PGLITE_DIR: join(dir, 'pglite'),
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'https://porchlight.test',
  };
  const porchlight = (...args: string[]) => run(process.execPath, [cli, ...args], { env, cwd: dir, timeout: 120_000 });

  // A real process on PGlite: run once per suite, not again for the PostgreSQL pass (DATABASE_URL set).
  // About 10 s on an idle 2-core machine; the generous timeout covers a machine shared with other suites.
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'imports the good rows of a CSV without ModificationTimestamp and names the bad one',
    async () => {
      // The tenant is seeded in-process (same data dir, closed before the CLI opens it): one child process is
      // enough to prove the command, and each costs a cold start plus migrations.
      const seeding = await createRuntime({
        env: loadEnv(env),
        logger: createLogger({ level: 'silent' }),
        schedule: false,
      });
      const tenantId = (await makeTenant(seeding)).tenant.id;
      await seeding.close();
      const csv = join(dir, 'listings.csv');
      writeFileSync(
        csv,
        [
          'ListingKey,StandardStatus,ListPrice,BedroomsTotal,City',
          'S1,Active,"$450,000",3,Austin',
          'S2,Active,615000,,Round Rock',
          'S3,Active,lots,2,Austin',
        ].join('\n'),
      );
      const failed = await porchlight('import', 'listings', csv, '--tenant', tenantId).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      // One malformed price rejects its row only; the command reports it and exits 1.
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/line 4: ListPrice: must be a number/);
      expect(failed?.stdout).toMatch(/Imported 2 of 3 listings/);
      expect(failed?.stdout).toMatch(/3 row\(s\) had no ModificationTimestamp and were stamped with the import time/);
      expect(failed?.stdout.match(/ModificationTimestamp/g)).toHaveLength(1);
    },
    150_000,
  );
});
