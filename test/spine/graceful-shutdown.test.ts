import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createTestDatabase } from '../helpers/database.ts';

const root = join(import.meta.dirname, '..', '..');

describe('graceful shutdown', () => {
  it('SIGTERM during a running job lets the job finish and the process exits 0', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porchlight-shutdown-'));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      MARKER_FILE: join(dir, 'marker'),
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    if (process.env.DATABASE_URL) {
      const database = await createTestDatabase();
      env.DATABASE_URL = database.connectionString!;
      await database.close();
    } else {
      env.PGLITE_DIR = join(dir, 'pglite');
    }
    // Node itself, not the tsx wrapper: the signal must reach the process under test, not a relay.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/fixtures/processes/slow-job-service.ts')],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`job never started:\n${out}`)), 60_000);
      child.stdout.on('data', () => {
        if (out.includes('JOB_STARTED')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, out).toBe(0);
    expect(readFileSync(env.MARKER_FILE, 'utf8')).toBe('job started\njob finished\n');
    expect(out).toMatch(/stopped cleanly/);
  });
});
