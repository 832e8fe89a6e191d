import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { existingFile, id, wholeNumber } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

/**
 * `porchlight automations test <file> --tenant <id> [--days 30] [--json]`: replays the team's last N days of
 * stored events through the file's rules and prints how often each would have fired, for whom, which lead
 * messages consent, quiet hours or the ceiling would have stopped, and the busiest hour. Sends and changes nothing.
 */
export function registerAutomationsTest(automations: Command, run: typeof withRuntime = withRuntime): void {
  automations
    .command('test')
    .description('Dry run: replay the last N days of events through candidate rules; sends and changes nothing')
    .argument('<file>', 'a JSON list of rules, or {"rules":[...]} (as automations set takes)', existingFile())
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--days <n>', 'how many days of stored events to replay', wholeNumber({ min: 1, max: 366 }), 30)
    .option('--json', 'print the dry run as one JSON document')
    .action(async (file: string, opts: { tenant: string; days: number; json?: boolean }) => {
      let candidate: unknown;
      try {
        candidate = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new AppError('bad_usage', `${file} is not JSON: ${(error as Error).message}`);
      }
      const [{ dryRunAutomations }, { asUsage }, { formatDryRunReport }] = await Promise.all([
        import('../../db/use-cases/automations/dry-run-automations.ts'),
        import('./tenant-settings.ts'),
        import('../../core/automations/format-dry-run-report.ts'),
      ]);
      await run(async (rt) => {
        // Rules that would not save are the operator's mistake, like a bad `automations set`.
        const report = await asUsage(() =>
          dryRunAutomations(rt, { tenantId: opts.tenant, rules: candidate, days: opts.days }),
        );
        if (opts.json) return printJson(report);
        process.stdout.write(`${formatDryRunReport(report, report.timeZone).join('\n')}\n`);
      });
    });
}
