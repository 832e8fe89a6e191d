import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import type { ServiceOptions } from '../service.ts';

async function run(mode: 'start' | 'serve' | 'work') {
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
    .action(() => run('work'));
}
