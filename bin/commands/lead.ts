import type { Command } from 'commander';
import { id } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

/** `porchlight lead forget <id> --tenant <id>`: the same use case as `DELETE /api/v1/leads/:id`. */
export function registerLeadCommands(program: Command): void {
  const lead = program.command('lead').description("A team's leads");
  lead
    .command('forget')
    .description("Remove a lead's personal data everywhere; counts, opt-outs (as a hash) and the audit trail stay")
    .argument('<id>', 'lead id', id)
    .requiredOption('--tenant <id>', 'the team the lead belongs to', id)
    .option('--json', 'print {"id","forgotten":true,"scrubbed":{…rows per kind}}')
    .action(async (leadId: string, opts: { tenant: string; json?: boolean }) => {
      const { forgetLead } = await import('../../db/use-cases/leads/forget-lead.ts');
      await withRuntime(async (runtime) => {
        const result = await forgetLead(runtime, { tenantId: opts.tenant, leadId, actor: { kind: 'cli' } });
        if (opts.json) printJson({ id: result.leadId, forgotten: true, scrubbed: result.scrubbed });
        else {
          const rows = Object.entries(result.scrubbed).map(([kind, n]) => `${kind} ${n}`);
          process.stdout.write(`forgot lead ${result.leadId}: ${rows.join(', ')}\n`);
        }
      });
    });
}
