import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { RULE_ID } from '../../core/automations/automation-action.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { existingFile, id } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';
import { registerAutomationsTest } from './automations-test.ts';

const CLI = { kind: 'cli' } as const;
const out = (line: string) => process.stdout.write(`${line}\n`);

/** `<ruleId>`: the shape a rule id has, checked before anything opens. */
const ruleId = (value: string): string => {
  if (!RULE_ID.safeParse(value).success)
    throw new InvalidArgumentError('expected a rule id (lower-case letters, digits and dashes)');
  return value;
};

async function assertTenant(rt: Runtime, tenantId: string): Promise<void> {
  const { getTenant } = await import('../../db/queries/tenants.ts');
  if (!(await getTenant(rt.db, tenantId)))
    throw new AppError('not_found', `No tenant with id ${tenantId} (see porchlight tenant list)`);
}

/**
 * `porchlight automations list|show <ruleId>|set <file>|enable|disable <ruleId>|stop <ruleId|all> --tenant <id>`:
 * the team's automation rules. `set` adds or updates the file's rules by `id` and leaves the others alone;
 * `test` (a dry run on past events) is registered beside them.
 */
export function registerAutomationsCommands(program: Command, run: typeof withRuntime = withRuntime): void {
  const automations = program
    .command('automations')
    .description("A team's automation rules: when something happens to a lead, do that (with waits)");
  registerList(automations, run);
  registerShow(automations, run);
  registerSet(automations, run);
  registerSwitch(automations, run, true);
  registerSwitch(automations, run, false);
  registerStop(automations, run);
  registerAutomationsTest(automations, run);
}

type Run = typeof withRuntime;

function registerList(automations: Command, run: Run): void {
  automations
    .command('list')
    .description('Every rule: id, on/off, version, trigger, steps, leads in it now, name')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"rules","state"}: the rules as automations set takes them, and where each stands')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const [{ automationOverview }, { textTable }] = await Promise.all([
        import('../../db/queries/automations/automation-overview.ts'),
        import('../../bots/charts/text-table.ts'),
      ]);
      await run(async (rt) => {
        await assertTenant(rt, opts.tenant);
        const overview = await automationOverview(rt.db, opts.tenant);
        if (opts.json) return printJson(overview);
        if (overview.rules.length === 0)
          return out('No automation rules yet: load some with porchlight automations set <file>.');
        const rows = overview.rules.map((rule, i) => {
          const state = overview.state[i];
          const steps = `${rule.then.length} step${rule.then.length === 1 ? '' : 's'}`;
          const now = String(state.activeRuns);
          return [rule.id, state.enabled ? 'on' : 'off', `v${state.version}`, rule.when.event, steps, now, rule.name];
        });
        out(textTable({ columns: ['Rule', 'On', 'Version', 'When', 'Steps', 'Leads in it', 'Name'], rows }));
      });
    });
}

function registerShow(automations: Command, run: Run): void {
  automations
    .command('show')
    .description('One rule as JSON, its version, on/off and its runs by status')
    .argument('<ruleId>', 'the rule id', ruleId)
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"rule","version","enabled","updatedAt","runs"}')
    .action(async (rule: string, opts: { tenant: string; json?: boolean }) => {
      const [{ getAutomationRule }, { automationRunCounts }, { noSuchRule }] = await Promise.all([
        import('../../db/queries/automations/automation-rules.ts'),
        import('../../db/queries/automations/automation-run-counts.ts'),
        import('../../db/use-cases/automations/set-automation-enabled.ts'),
      ]);
      await run(async (rt) => {
        await assertTenant(rt, opts.tenant);
        const stored = await getAutomationRule(rt.db, opts.tenant, rule);
        if (!stored || stored.deletedAt) throw noSuchRule(rule);
        const runs = (await automationRunCounts(rt.db, opts.tenant, rule)).get(rule) ?? {};
        const shown = { version: stored.version, enabled: stored.enabled, updatedAt: stored.updatedAt.toISOString() };
        if (opts.json) return printJson({ rule: stored.rule, ...shown, runs });
        out(JSON.stringify(stored.rule, null, 2));
        const tally = Object.entries(runs).map(([status, n]) => `${n} ${status}`);
        out(
          `version ${stored.version}, ${stored.enabled ? 'on' : 'off'}, saved ${shown.updatedAt}; ` +
            `runs: ${tally.length ? tally.join(', ') : 'none yet'}`,
        );
      });
    });
}

function registerSet(automations: Command, run: Run): void {
  automations
    .command('set')
    .description("Add or update the file's rules by id; the team's other rules stay as they are")
    .argument(
      '<file>',
      'a JSON list of rules, or {"rules":[...]} (docs/automations/*.json load as they are)',
      existingFile(),
    )
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"rules":[{"ruleId","version","change","cancelledRuns"}]}')
    .action(async (file: string, opts: { tenant: string; json?: boolean }) => {
      let body: unknown;
      try {
        body = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new AppError('bad_usage', `${file} is not JSON: ${(error as Error).message}`);
      }
      const [{ saveAutomationRules }, { asUsage }] = await Promise.all([
        import('../../db/use-cases/automations/save-automation-rules.ts'),
        import('./tenant-settings.ts'),
      ]);
      await run(async (rt) => {
        await assertTenant(rt, opts.tenant);
        // A rule the operator got wrong is bad usage, like a misspelled setting.
        const saved = await asUsage(() =>
          saveAutomationRules(rt, { tenantId: opts.tenant, rules: body, actor: CLI, mode: 'merge' }),
        );
        if (opts.json) return printJson({ rules: saved });
        for (const r of saved) {
          const ended = r.cancelledRuns ? `; ${r.cancelledRuns} active run(s) cancelled` : '';
          out(`${r.change} ${r.ruleId} (version ${r.version})${ended}`);
        }
      });
    });
}

function registerSwitch(automations: Command, run: Run, enabled: boolean): void {
  const verb = enabled ? 'enable' : 'disable';
  automations
    .command(verb)
    .description(enabled ? 'Switch a rule on' : 'Switch a rule off; leads in it leave it (their runs are cancelled)')
    .argument('<ruleId>', 'the rule id', ruleId)
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"ruleId","name","version","enabled","changed","cancelledRuns"}')
    .action(async (rule: string, opts: { tenant: string; json?: boolean }) => {
      const { setAutomationEnabled } = await import('../../db/use-cases/automations/set-automation-enabled.ts');
      await run(async (rt) => {
        await assertTenant(rt, opts.tenant);
        const result = await setAutomationEnabled(rt, { tenantId: opts.tenant, ruleId: rule, enabled, actor: CLI });
        if (opts.json) return printJson(result);
        const state = `${rule} ${enabled ? 'on' : 'off'} (version ${result.version})`;
        if (!result.changed) return out(`${state}: it already was`);
        out(result.cancelledRuns ? `${state}: ${result.cancelledRuns} active run(s) cancelled` : state);
      });
    });
}

function registerStop(automations: Command, run: Run): void {
  automations
    .command('stop')
    .description('Take one lead out of a sequence by hand (or out of every one: all); the rule stays on')
    .argument('<ruleId|all>', 'the rule id, or all', (value: string) => (value === 'all' ? value : ruleId(value)))
    .requiredOption('--lead <id>', 'lead id', id)
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"stopped":[{"runId","ruleId"}]}')
    .action(async (rule: string, opts: { lead: string; tenant: string; json?: boolean }) => {
      const { stopLeadAutomations } = await import('../../db/use-cases/automations/stop-lead-automations.ts');
      await run(async (rt) => {
        await assertTenant(rt, opts.tenant);
        const result = await stopLeadAutomations(rt, {
          tenantId: opts.tenant,
          leadId: opts.lead,
          ...(rule === 'all' ? {} : { ruleId: rule }),
          actor: CLI,
        });
        if (opts.json) return printJson(result);
        out(
          result.stopped.length
            ? `stopped ${result.stopped.map((r) => r.ruleId).join(', ')} for lead ${opts.lead}`
            : `lead ${opts.lead} is in no ${rule === 'all' ? '' : `${rule} `}sequence`,
        );
      });
    });
}
