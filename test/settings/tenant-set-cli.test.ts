import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/porchlight.js');

describe('porchlight tenant set (real process)', () => {
  // Starts a real CLI process; the check runs before any database is opened, so it runs once
  // per suite (on the PGlite pass), not again for DATABASE_URL.
  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'a misspelled key exits 2 with one line naming it and the key that was meant',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'porchlight-cli-'));
      try {
        const run = spawnSync(process.execPath, [BIN, 'tenant', 'set', 'tenant-1', 'delivery.perHuor=5'], {
          env: { ...process.env, PGLITE_DIR: join(dir, 'pglite'), LOG_LEVEL: 'silent', DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 55_000,
        });
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('porchlight: unknown setting "delivery.perHuor" (did you mean "delivery.perHour"?)\n');
        expect(run.stdout).toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
