import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { id, since as sinceValue, type Since } from '../parse-option.ts';
import { printJson } from '../print.ts';

/**
 * `porchlight sync ghl [--tenant <id>] [--since <ISO date|Nd>]`: the same code as the nightly
 * `ghl.reconcile` job, run now with a progress bar. Interrupted runs resume from their last page.
 */
export function registerSyncGhlCommand(program: Command): void {
  const sync =
    program.commands.find((c) => c.name() === 'sync') ??
    program.command('sync').description('Backfill and reconcile from external systems');
  sync
    .command('ghl')
    .description('backfill/reconcile GHL contacts into leads (only newer GHL updates win)')
    .option('--tenant <id>', 'only this tenant (default: every tenant with GHL)', id)
    .option(
      '--since <when>',
      'compare contacts GHL updated after this ISO date or Nd ago (default: since the last finished sync)',
      sinceValue,
    )
    .option('--json', 'print {"new","updated","unchanged"}')
    .action(async (opts: { tenant?: string; since?: Since; json?: boolean }) => {
      const [{ default: cliProgress }, { getTenant, listTenants }, { formatSyncSummary, reconcileGhlContacts }] =
        await Promise.all([
          import('cli-progress'),
          import('../../db/queries/tenants.ts'),
          import('../../jobs/shared/reconcile-ghl-contacts.ts'),
        ]);
      await withRuntime(async (runtime) => {
        const since = opts.since?.resolve(runtime.clock.now());
        if (opts.tenant && !(await getTenant(runtime.db, opts.tenant)))
          throw new AppError('not_found', `no tenant ${opts.tenant} (see porchlight tenant list)`);
        const tenantIds = opts.tenant ? [opts.tenant] : (await listTenants(runtime.db)).map((t) => t.id);
        // The bar goes to stderr and only on a terminal, so piped output stays the one summary line.
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: '{location} [{bar}] {value}/{total} contacts', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        const totals = { new: 0, updated: 0, unchanged: 0 };
        let configured = 0;
        try {
          for (const tenantId of tenantIds) {
            const result = await reconcileGhlContacts(runtime, tenantId, {
              since,
              onProgress: ({ locationId, seen, total }) => {
                if (!bar) return;
                if (!started) {
                  bar.start(total ?? seen, seen, { location: locationId });
                  started = true;
                }
                bar.setTotal(Math.max(total ?? seen, seen));
                bar.update(seen, { location: locationId });
              },
            });
            if (result.configured) configured++;
            totals.new += result.new;
            totals.updated += result.updated;
            totals.unchanged += result.unchanged;
          }
        } finally {
          bar?.stop();
        }
        if (!configured)
          throw new AppError(
            'invalid_config',
            opts.tenant
              ? `tenant ${opts.tenant} has no GHL location; add one with porchlight tenant add --ghl-location or set GHL_LOCATION_ID`
              : 'no tenant has a GHL location to sync',
          );
        if (opts.json) printJson(totals);
        else process.stdout.write(formatSyncSummary(totals) + '\n');
      });
    });
}
