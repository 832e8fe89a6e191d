import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerExportCommand } from '../../bin/commands/export.ts';
import { createProgram } from '../../bin/program.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { readCsv, seedExportTeam } from './export-team.ts';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** `porchlight export …` parsed by commander as the CLI does, on the test's runtime; what stdout got. */
async function exportCli(rt: Runtime, args: string[]): Promise<string> {
  const program = new Command('porchlight').exitOverride();
  registerExportCommand(program, (fn) => fn(rt));
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    await program.parseAsync(['node', 'porchlight', 'export', ...args]);
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return out;
}

describe('porchlight export', () => {
  it('writes --out and reports rows, file and bytes with --json; without --out the CSV is stdout', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-03-04T15:00:00Z') });
    const { team, claimed, match, ana, ben, eve } = await seedExportTeam(rt);
    const out = join(dir, 'alerts.csv');
    const report = JSON.parse(await exportCli(rt, ['alerts', '--tenant', team.tenant.id, '--out', out, '--json']));
    expect(report).toEqual({ what: 'alerts', rows: 2, file: out, bytes: statSync(out).size });
    expect(readCsv(readFileSync(out)).map((r) => r.id)).toEqual([claimed.id, match.id]);

    const since = await exportCli(rt, ['leads', '--tenant', team.tenant.id, '--since', '2026-03-01']);
    expect(readCsv(since).map((r) => r.id)).toEqual([ben.id, eve.id]);
    const all = await exportCli(rt, ['leads', '--tenant', team.tenant.id]);
    expect(all.startsWith('\uFEFFid,')).toBe(true);
    expect(readCsv(all).map((r) => r.id)).toEqual([ana.id, ben.id, eve.id]);

    await expect(exportCli(rt, ['deals', '--tenant', 'no-such-team'])).rejects.toMatchObject({
      code: 'not_found',
      message: 'no tenant no-such-team (see porchlight tenant list)',
    });
  });

  it('bad usage exits 2 with one line naming the bad value, before any database opens', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://nobody@127.0.0.1:1/never');
    const run = (...argv: string[]) =>
      createProgram()
        .parseAsync(['node', 'porchlight', 'export', ...argv])
        .then(
          () => undefined,
          (e: unknown) => e as { code: string; message: string },
        );
    const cases: Array<[string[], string[]]> = [
      [
        ['contacts', '--tenant', 't1'],
        ['contacts', 'what'],
      ],
      [
        ['leads', '--tenant', 't1', '--since', 'last-week'],
        ['--since', 'last-week'],
      ],
      [
        ['leads', '--tenant', 't1', '--out', join(dir, 'no-such-dir', 'x.csv')],
        ['--out', 'no-such-dir'],
      ],
      [['leads', '--tenant', 't1', '--json'], ['--json needs --out']],
    ];
    for (const [argv, names] of cases) {
      const error = await run(...argv);
      expect(error?.code, argv.join(' ')).toBe('bad_usage');
      expect(error!.message.split('\n')).toHaveLength(1);
      for (const name of names) expect(error!.message).toContain(name);
    }
  });
});
