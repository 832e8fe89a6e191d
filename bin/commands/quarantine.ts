import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { each, id } from '../parse-option.ts';

/** `porchlight quarantine list|replay`: signed webhooks we could not interpret or route. */
export function registerQuarantineCommands(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('Signed webhooks we could not interpret or route; replay after an upgrade or after adding the tenant');
  quarantine
    .command('list')
    .option('--all', 'include ignored events (unknown types, too old)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const { listQuarantined } = await import('../../db/use-cases/inbound/replay-quarantined.ts');
      await withRuntime(async (runtime) => {
        const rows = (await listQuarantined(runtime, { includeIgnored: opts.all })).map((r) => ({
          id: r.id,
          provider: r.provider,
          type: r.type,
          status: r.status,
          reason: r.reason,
          tenantId: r.tenantId,
          eventId: r.eventId,
          receivedAt: r.receivedAt.toISOString(),
        }));
        if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
        else if (!rows.length) process.stdout.write('nothing quarantined\n');
        else
          for (const r of rows)
            process.stdout.write(
              `${r.id}  ${r.receivedAt}  ${r.provider}/${r.type ?? '?'}  ${r.status}: ${r.reason ?? ''}\n`,
            );
      });
    });
  quarantine
    .command('replay')
    .argument('[ids...]', 'inbound event ids (default: every quarantined event)', each(id))
    .option('--json', 'machine-readable output')
    .action(async (ids: string[], opts: { json?: boolean }) => {
      const { replayQuarantined } = await import('../../db/use-cases/inbound/replay-quarantined.ts');
      await withRuntime(async (runtime) => {
        const outcomes = await replayQuarantined(runtime, { ids });
        if (opts.json) {
          process.stdout.write(JSON.stringify(outcomes) + '\n');
          return;
        }
        for (const o of outcomes) process.stdout.write(`${o.id}  ${o.status}${o.reason ? `: ${o.reason}` : ''}\n`);
        const accepted = outcomes.filter((o) => o.status === 'accepted').length;
        process.stdout.write(`replayed ${accepted} of ${outcomes.length} event(s); the rest stay as shown\n`);
      });
    });
}
