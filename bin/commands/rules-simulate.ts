import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { existingFile, id, wholeNumber } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

/** `--out-dir`: a folder, or a path where one can be made; an existing file is a typo caught before any work. */
const folder = (value: string): string => {
  const isFile = (() => {
    try {
      return !statSync(value).isDirectory();
    } catch {
      return false;
    }
  })();
  if (isFile) throw new InvalidArgumentError('expected a folder, not a file');
  return value;
};

/**
 * `porchlight rules simulate <rules.json> --tenant <id> [--days 30] [--out-dir dir] [--json]`:
 * replays the last N days of the team's alerts through the candidate rules beside the current
 * ones, prints the per-agent table and writes the chart (PNG) and the table (CSV). Changes nothing.
 */
export function registerRulesSimulate(rules: Command, run: typeof withRuntime = withRuntime): void {
  rules
    .command('simulate')
    .description('Replay the last N days of alerts through candidate rules, beside the current ones; changes nothing')
    .argument('<rules.json>', 'a JSON list of rules, or {"rules":[...]} (as rules set --file takes)', existingFile())
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--days <n>', 'how many days of stored alerts to replay', wholeNumber({ min: 1, max: 366 }), 30)
    .option('--out-dir <dir>', 'where to write the PNG and CSV (created if missing)', folder, join('data', 'exports'))
    .option('--json', 'print the simulation as one JSON document')
    .action(async (file: string, opts: { tenant: string; days: number; outDir: string; json?: boolean }) => {
      let candidate: unknown;
      try {
        candidate = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new AppError('bad_usage', `${file} is not JSON: ${(error as Error).message}`);
      }
      const [{ simulateRoutingChange }, { asUsage }, files, { textTable }, { simulationRows }] = await Promise.all([
        import('../../db/use-cases/routing/simulate-routing-change.ts'),
        import('./tenant-settings.ts'),
        import('../../bots/routing-simulation/simulation-files.ts'),
        import('../../bots/charts/text-table.ts'),
        import('../../bots/routing-simulation/simulation-rows.ts'),
      ]);
      await run(async (rt) => {
        // A candidate that would not save is the operator's mistake, like a bad `rules set --file`.
        const sim = await asUsage(() =>
          simulateRoutingChange(rt, { tenantId: opts.tenant, candidate, days: opts.days }),
        );
        await mkdir(opts.outDir, { recursive: true });
        const stem = join(opts.outDir, `routing-simulation-${opts.tenant}-${sim.until.toISOString().slice(0, 10)}`);
        await writeFile(`${stem}.csv`, await files.simulationCsv(sim));
        await writeFile(`${stem}.png`, files.simulationPng(sim));
        const written = { csv: resolve(`${stem}.csv`), png: resolve(`${stem}.png`) };
        if (opts.json) return printJson({ ...sim, files: written });
        const rows = simulationRows(sim);
        const line = (label: string, o: typeof sim.current) =>
          `${label}: ${o.alerts - o.unassigned}/${o.alerts} routed, max share deviation ` +
          `${o.maxShareDeviation.toFixed(1)} pts, Gini ${o.gini.toFixed(2)}\n`;
        process.stdout.write(
          textTable({
            columns: ['Agent', 'Actual', 'Current', 'Candidate', 'Share now', 'Share cand.', 'Weight share'],
            rows: rows.map((r) => [
              r.agent,
              String(r.actual),
              String(r.currentReceived),
              String(r.candidateReceived),
              `${(r.currentShare * 100).toFixed(0)}%`,
              `${(r.candidateShare * 100).toFixed(0)}%`,
              `${(r.candidateWeightShare * 100).toFixed(0)}%`,
            ]),
          }) + '\n',
        );
        process.stdout.write(line('current rules', sim.current) + line('candidate', sim.candidate));
        process.stdout.write(
          `wrote ${relative(process.cwd(), written.png)} and ${relative(process.cwd(), written.csv)}; ` +
            'nothing was changed (save with porchlight rules set)\n',
        );
      });
    });
}
