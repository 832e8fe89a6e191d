import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { QUEUE_NAMES } from '../../jobs/catalogue.ts';
import { each, oneOf, uuid } from '../parse-option.ts';
import { printJson } from '../print.ts';

export function registerDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description('Jobs that failed every retry');
  dlq
    .command('list')
    .option('--queue <name>', 'only jobs that failed on this queue', oneOf(QUEUE_NAMES))
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; queue?: string }) => {
      const { listDeadJobs } = await import('../../jobs/dead-letter.ts');
      await withRuntime(async (runtime) => {
        const rows = await listDeadJobs(runtime.queue.boss, { queue: opts.queue });
        if (opts.json) process.stdout.write(JSON.stringify(rows) + '\n');
        else if (!rows.length) process.stdout.write('dead-letter queue is empty\n');
        else
          for (const r of rows) process.stdout.write(`${r.id}  ${r.queue}  ${r.failedAt.toISOString()}  ${r.error}\n`);
      });
    });
  dlq
    .command('replay')
    .argument('[ids...]', 'job ids (default: all)', each(uuid))
    .option('--queue <name>', 'only jobs that failed on this queue', oneOf(QUEUE_NAMES))
    .option('--json', 'print {"replayed"}')
    .action(async (ids: string[], opts: { queue?: string; json?: boolean }) => {
      const { replayDeadJobs } = await import('../../jobs/dead-letter.ts');
      await withRuntime(async (runtime) => {
        const moved = await replayDeadJobs(runtime.queue.boss, { ids, queue: opts.queue });
        if (opts.json) printJson({ replayed: moved });
        else process.stdout.write(`replayed ${moved} job(s)\n`);
      });
    });
}
