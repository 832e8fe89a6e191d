import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../jobs/worker-concurrency.ts';
import { wholeNumber } from '../parse-option.ts';
import type { ServiceOptions } from '../service.ts';

async function run(mode: 'start' | 'serve' | 'work', flags: { concurrency?: number } = {}) {
  const [{ cliContext }, { startService, stopOnSignals }, { ATTACHMENTS }] = await Promise.all([
    import('../env.ts'),
    import('../service.ts'),
    import('../attachments.ts'),
  ]);
  const { env, logger } = cliContext({ logsTo: 'stdout' });
  if (mode === 'work' && !env.DATABASE_URL) {
    throw new AppError(
      'invalid_config',
      'work needs DATABASE_URL: the embedded PGlite database serves one process, so run `porchlight start` instead, or point every process at PostgreSQL.',
    );
  }
  const options: ServiceOptions = {
    env,
    logger,
    http: mode !== 'work',
    workers: mode !== 'serve',
    attach: mode === 'start' ? ATTACHMENTS : [],
    // A worker process sizes its database pool to its job slots (jobs/worker-concurrency.ts).
    ...(mode === 'work' ? { concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY } : {}),
  };
  const service = await startService(options);
  if (service.port !== undefined) service.runtime.database.announce({ port: service.port });
  stopOnSignals(service, logger);
}

export function registerRunCommands(program: Command): void {
  program
    .command('start')
    .description('HTTP service + workers + schedules in one process (the default)')
    .action(() => run('start'));
  program
    .command('serve')
    .description('HTTP service only')
    .action(() => run('serve'));
  program
    .command('work')
    .description('Workers only (needs DATABASE_URL; run several to scale out)')
    .option(
      '--concurrency <n>',
      `jobs one busy queue runs at once in this process (default ${DEFAULT_CONCURRENCY}; ` +
        'other queues scale in proportion; the database pool is 2n+4 connections)',
      wholeNumber({ min: 1, max: MAX_CONCURRENCY }),
    )
    .action((opts: { concurrency?: number }) => run('work', opts));
}
