import type { Command } from 'commander';
import { id, oneOf } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

const STATUSES = [
  'uncertain',
  'pending',
  'sending',
  'sent',
  'delivered',
  'failed',
  'suppressed',
  'deferred',
  'undelivered',
] as const;

/**
 * `porchlight deliveries list|resend`: messages as the delivery pipeline left them. A message a crash
 * left `uncertain` (an email or text to a lead that may or may not have gone out) is only sent again here.
 */
export function registerDeliveriesCommands(program: Command): void {
  const deliveries = program.command('deliveries').description('Messages sent, waiting, or in doubt');
  deliveries
    .command('list')
    .description("A team's deliveries in one status, newest first (default: uncertain)")
    .requiredOption('--tenant <id>', 'the team', id)
    .option('--status <status>', `one of ${STATUSES.join(', ')}`, oneOf(STATUSES), 'uncertain')
    .option('--json', 'print [{"id","channel","recipientKind","status","error","statusAt"}]')
    .action(async (opts: { tenant: string; status: string; json?: boolean }) => {
      const [{ deliveriesInStatus }, { maskText }] = await Promise.all([
        import('../../db/queries/deliveries/interrupted-attempts.ts'),
        import('../../core/observability/mask.ts'),
      ]);
      await withRuntime(async (runtime) => {
        const rows = (await deliveriesInStatus(runtime.db, opts.tenant, opts.status)).map((r) => ({
          id: r.id,
          channel: r.channel,
          recipientKind: r.recipientKind,
          status: r.status,
          error: r.error,
          statusAt: r.statusAt?.toISOString() ?? null,
        }));
        if (opts.json) printJson(rows);
        else if (!rows.length) process.stdout.write(`no ${opts.status} deliveries\n`);
        else
          for (const r of rows)
            process.stdout.write(
              `${r.id}  ${r.channel} to ${r.recipientKind}  ${r.statusAt ?? '-'}  ${maskText(r.error ?? '')}\n`,
            );
      });
    });
  deliveries
    .command('resend')
    .description('Send again a message settled uncertain (it may or may not have gone out during a restart)')
    .argument('<id>', 'delivery id', id)
    .requiredOption('--tenant <id>', 'the team the delivery belongs to', id)
    .option('--json', 'print {"id","status","providerMessageId"|"until"|"error"}')
    .action(async (deliveryId: string, opts: { tenant: string; json?: boolean }) => {
      const { resendUncertainMessage } = await import('../../bots/lead-messages/resend-uncertain-message.ts');
      await withRuntime(async (runtime) => {
        const outcome = await resendUncertainMessage(runtime, { tenantId: opts.tenant, deliveryId });
        if (opts.json) printJson({ id: deliveryId, ...outcome });
        else if (outcome.status === 'sent') process.stdout.write(`sent ${deliveryId}\n`);
        else if (outcome.status === 'deferred')
          process.stdout.write(`${deliveryId} waits for quiet hours to end (${outcome.until.toISOString()})\n`);
        else process.stdout.write(`${deliveryId} failed for now (${outcome.error}); queued to retry\n`);
      });
    });
}
