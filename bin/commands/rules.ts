import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { withRuntime } from '../with-runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { existingFile, id } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { asUsage } from './tenant-settings.ts';
import { registerRulesSimulate } from './rules-simulate.ts';

/** `porchlight rules list|set --tenant <id> [--file rules.json]`: the routing table as JSON. */
export function registerRulesCommands(program: Command, run: typeof withRuntime = withRuntime): void {
  const rules = program
    .command('rules')
    .description("A team's routing rules (evaluated in order, ending in a catch-all)");
  rules
    .command('list')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"rules","isDefault"} (a file rules set --file accepts)')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const [{ getTenant }, { loadRoutingRules }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../db/queries/routing.ts'),
      ]);
      await withRuntime(async (rt) => {
        if (!(await getTenant(rt.db, opts.tenant)))
          throw new AppError('not_found', `No tenant with id ${opts.tenant} (see porchlight tenant list)`);
        const { rules: list, isDefault } = await loadRoutingRules(rt.db, opts.tenant);
        if (opts.json) return printJson({ rules: list, isDefault });
        if (isDefault) process.stderr.write('no rules stored: showing the default table\n');
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      });
    });
  rules
    .command('set')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .requiredOption('--file <rules.json>', 'a JSON list of rules, or {"rules":[...]}', existingFile())
    .option('--json', 'print {"rules"}: the table as saved')
    .action(async (opts: { tenant: string; file: string; json?: boolean }) => {
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(opts.file, 'utf8'));
      } catch (error) {
        throw new AppError('bad_usage', `--file ${opts.file} is not JSON: ${(error as Error).message}`);
      }
      const list = Array.isArray(body) ? body : (body as { rules?: unknown } | null)?.rules;
      const [{ getTenant }, { replaceRoutingTable }] = await Promise.all([
        import('../../db/queries/tenants.ts'),
        import('../../db/use-cases/routing/replace-routing-table.ts'),
      ]);
      await withRuntime(async (rt) => {
        if (!(await getTenant(rt.db, opts.tenant)))
          throw new AppError('not_found', `No tenant with id ${opts.tenant} (see porchlight tenant list)`);
        // A table the operator got wrong is bad usage, like a misspelled setting.
        const saved = await asUsage(() => replaceRoutingTable(rt, { tenantId: opts.tenant, rules: list }));
        if (opts.json) return printJson({ rules: saved });
        process.stdout.write(
          `${saved.length} rules saved: ${saved.map((r) => `${r.name} (${r.strategy})`).join(', ')}\n`,
        );
      });
    });
  registerRulesSimulate(rules, run);
}
