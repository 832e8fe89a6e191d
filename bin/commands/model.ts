import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import type { ScoringModelRow } from '../../db/queries/scoring-models.ts';
import type { TrainReport } from '../../db/use-cases/leads/train-scoring-model.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { withRuntime } from '../with-runtime.ts';
import { id, wholeNumber, type ValueParser } from '../parse-option.ts';

/** Injected so tests drive the real commands against a test runtime and read what they print. */
export interface ModelCommandDeps {
  withRuntime: <T>(fn: (rt: Runtime) => Promise<T>) => Promise<T>;
  write: (text: string) => void;
}

const defaults: ModelCommandDeps = { withRuntime, write: (t) => process.stdout.write(t) };
/** `3` or `v3`, as `model list` shows it. */
const modelVersion: ValueParser<number> = (value) => wholeNumber({ min: 1 })(value.replace(/^v/i, ''));
const fixed = (n: unknown, digits = 3) => (typeof n === 'number' ? n.toFixed(digits) : '-');

async function requireTenant(rt: Runtime, id: string): Promise<void> {
  const { getTenant } = await import('../../db/queries/tenants.ts');
  if (!(await getTenant(rt.db, id)))
    throw new AppError('not_found', `No tenant with id ${id} (see porchlight tenant list)`);
}

export function describeTrainReport(r: Extract<TrainReport, { status: 'trained' }>): string {
  const m = r.metrics;
  return (
    [
      `trained v${r.version} on ${m.trainSize} leads ` +
        `(${r.labels.won} won, ${r.labels.lost} lost, ${r.labels.lostBySilence} of them by silence)`,
      `hold-out ${m.holdoutSize} leads: AUC ${fixed(m.auc)}, calibration error ${fixed(m.ece)}; ` +
        `${r.baseline.version} on the same leads: AUC ${fixed(r.baseline.auc)}, ` +
        `calibration error ${fixed(r.baseline.ece)}`,
      `${r.activated ? 'activated' : 'not activated'}: ${r.reason}`,
    ].join('\n') + '\n'
  );
}

export function describeModelRow(row: ScoringModelRow): string {
  const m = row.metrics as {
    auc?: number;
    ece?: number;
    holdoutSize?: number;
    baseline?: { version: string; auc: number };
  };
  const vs = m.baseline ? ` vs ${m.baseline.version} ${fixed(m.baseline.auc)}` : '';
  return [
    `v${row.version}${row.active ? ' *active*' : ''}`,
    `trained ${row.trainedAt.toISOString()}`,
    `AUC ${fixed(m.auc)}${vs}`,
    `ECE ${fixed(m.ece)}`,
    `hold-out ${m.holdoutSize ?? '-'}`,
    row.decision ?? '',
  ]
    .join('  ')
    .trimEnd();
}

/** `porchlight model train|list|activate|deactivate`: a tenant's lead-scoring models by hand. */
export function registerModelCommands(program: Command, deps: ModelCommandDeps = defaults): void {
  const model = program
    .command('model')
    .description("A tenant's lead-scoring models: train, list, activate, deactivate");

  model
    .command('train')
    .description('train on won/lost outcomes; activate only if it beats the active model on the hold-out')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print the training report as JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { trainScoringModel } = await import('../../db/use-cases/leads/train-scoring-model.ts');
      await deps.withRuntime(async (rt) => {
        await requireTenant(rt, opts.tenant);
        const report = await trainScoringModel({ ...rt, log: rt.logger }, { tenantId: opts.tenant });
        if (report.status === 'too_few_labels') throw new AppError('validation_failed', report.message);
        if (opts.json) {
          const { reliability: _bins, ...metrics } = report.metrics;
          deps.write(JSON.stringify({ ...report, metrics }) + '\n');
        } else deps.write(describeTrainReport(report));
      });
    });

  model
    .command('list')
    .description('stored versions with hold-out AUC, calibration and the activation decision')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'machine-readable')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { listModels } = await import('../../db/queries/scoring-models.ts');
      await deps.withRuntime(async (rt) => {
        await requireTenant(rt, opts.tenant);
        const rows = await listModels(rt.db, opts.tenant);
        if (opts.json) {
          deps.write(
            JSON.stringify(
              rows.map((r) => ({
                version: r.version,
                active: r.active,
                trainedAt: r.trainedAt,
                metrics: r.metrics,
                decision: r.decision,
              })),
            ) + '\n',
          );
        } else if (!rows.length)
          deps.write('no trained models yet: leads are scored by the default model (see docs/lead-scoring.md)\n');
        else for (const r of rows) deps.write(describeModelRow(r) + '\n');
      });
    });

  model
    .command('activate')
    .description('make a stored version active by hand (audited) and re-score every lead')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .requiredOption('--version <n>', 'stored model version to activate, like 3', modelVersion)
    .option('--json', 'print {"version","rescored"}')
    .action(async (opts: { tenant: string; version: number; json?: boolean }) => {
      const { version } = opts;
      const { activateScoringModel } = await import('../../db/use-cases/leads/activate-scoring-model.ts');
      await deps.withRuntime(async (rt) => {
        await requireTenant(rt, opts.tenant);
        // By hand the operator overrides the hold-out rule; the audit log records who decided.
        const { rescored } = await activateScoringModel(rt, {
          tenantId: opts.tenant,
          version,
          reason: 'activated by hand (porchlight model activate)',
          actor: 'cli',
        });
        deps.write(
          opts.json
            ? `${JSON.stringify({ version, rescored })}\n`
            : `v${version} is now the active model; ${rescored} leads queued for re-scoring\n`,
        );
      });
    });

  model
    .command('deactivate')
    .description('return the tenant to the default model (audited) and re-score every lead')
    .requiredOption('--tenant <id>', 'tenant id', id)
    .option('--json', 'print {"deactivated","rescored"}')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { deactivateScoringModel } = await import('../../db/use-cases/leads/deactivate-scoring-model.ts');
      await deps.withRuntime(async (rt) => {
        await requireTenant(rt, opts.tenant);
        const result = await deactivateScoringModel(rt, {
          tenantId: opts.tenant,
          reason: 'deactivated by hand (porchlight model deactivate)',
          actor: 'cli',
        });
        if (opts.json) return deps.write(`${JSON.stringify(result)}\n`);
        deps.write(
          result.deactivated === null
            ? 'no trained model was active: leads are already scored by the default model\n'
            : `v${result.deactivated} deactivated: the default model scores leads again; ` +
                `${result.rescored} leads queued for re-scoring\n`,
        );
      });
    });
}
