import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/porchlight.js');
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string;
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-exit-codes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI as a user runs it: its own process, an empty folder (no .env), its own embedded database. */
function porchlight(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, PGLITE_DIR: join(dir, 'pglite'), LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    // Generous for a loaded CI box; an idle machine needs a few seconds per process.
    timeout: 110_000,
  });
}

// Real processes (a few seconds each), so they run once per suite: on the PGlite pass only.
describe.skipIf(Boolean(process.env.DATABASE_URL))('porchlight exit codes (real processes)', () => {
  it('--version prints the version and exits 0', () => {
    const run = porchlight('--version');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  }, 60_000);

  it('an unknown command exits 2 with one line (with the command that was meant)', () => {
    const run = porchlight('tenant', 'lsit');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("porchlight: unknown command 'lsit' (Did you mean list?) (see porchlight tenant --help)\n");
    expect(run.stdout).toBe('');
  }, 60_000);

  it('a bad option value exits 2 with one line naming the option and the value', () => {
    const run = porchlight('agent', 'set', 'a1', '--max-open', 'abc');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "porchlight: option '--max-open <n>' argument 'abc' is invalid. expected a whole number, or none " +
        '(see porchlight agent set --help)\n',
    );
    expect(run.stdout).toBe('');
  }, 60_000);

  it('an unknown tenant is a failure: exit 1 with one line, nothing on stdout even with --json', () => {
    const run = porchlight('rules', 'list', '--tenant', 'no-such-team', '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('porchlight: No tenant with id no-such-team (see porchlight tenant list)\n');
    expect(run.stdout).toBe('');
  }, 120_000);
});
