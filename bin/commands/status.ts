import type { Command } from 'commander';
import { withRuntime } from '../with-runtime.ts';
import { printJson } from '../print.ts';

/**
 * `porchlight status [--json]`: queue depths, the oldest waiting job, live worker processes, dead letters and the
 * ingest rate, read from the database every process shares. On the embedded database it runs while no server
 * does, like every command that opens it.
 */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('queue depths, oldest waiting job, live workers, dead letters, ingest rate of the last minute')
    .option('--json', 'print {"queues","oldestWaitingSeconds","workers","deadLetters","ingest"}')
    .action(async (opts: { json?: boolean }) => {
      const [{ readClusterStatus }, { renderClusterStatus }, { WORKER_LIVE_SECONDS }] = await Promise.all([
        import('../../db/use-cases/ops/read-cluster-status.ts'),
        import('../../core/ops/cluster-status.ts'),
        import('../../jobs/worker-registry.ts'),
      ]);
      await withRuntime(async (runtime) => {
        const status = await readClusterStatus(runtime.db, { liveWithinSeconds: WORKER_LIVE_SECONDS });
        if (opts.json) printJson(status);
        else process.stdout.write(renderClusterStatus(status));
      });
    });
}
