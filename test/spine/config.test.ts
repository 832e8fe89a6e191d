import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadEnv } from '../../core/config/load-env.ts';

const root = join(import.meta.dirname, '..', '..');

describe('configuration', () => {
  it('names every bad or missing variable in one error', () => {
    let message = '';
    try {
      loadEnv({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
        SENDGRID_API_KEY: 'SG.x',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set');
    expect(message).toContain('SENDGRID_FROM is required when SENDGRID_API_KEY is set');
  });

  it('defaults give a runnable product with no variables at all', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PGLITE_DIR).toBe('./data/pglite');
    expect(env.GHL_API_URL).toBe('https://services.leadconnectorhq.com');
  });

  it('the CLI prints every problem on one stderr line and exits 1', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/porchlight.js'), 'start'], {
      env: { PATH: process.env.PATH, PORT: '-5', LOG_LEVEL: 'loud' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^porchlight: Invalid configuration: .*PORT.*LOG_LEVEL/);
  });

  it('bad usage exits 2 with a readable line', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/porchlight.js'), 'frobnicate'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^porchlight: unknown command 'frobnicate'/);
  });

  it('work refuses to run on the single-process embedded database', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/porchlight.js'), 'work'], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/work needs DATABASE_URL/);
  });
});
