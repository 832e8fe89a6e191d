import type { Command } from 'commander';
import { printJson } from '../print.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations and create the job queues')
    .option('--json', 'print {"migrated":true,"database":"pglite"|"postgres"}')
    .action(async (opts: { json?: boolean }) => {
      const [{ cliContext }, { openDatabase }, { migrate }, { startBoss }] = await Promise.all([
        import('../env.ts'),
        import('../../db/client.ts'),
        import('../../db/migrate.ts'),
        import('../../jobs/boss.ts'),
      ]);
      const { env } = cliContext();
      const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
      try {
        await migrate(database);
        const boss = await startBoss(database, { schedule: false, supervise: false });
        await boss.stop({ graceful: false, close: database.kind === 'postgres' });
        if (opts.json) printJson({ migrated: true, database: database.kind });
        else process.stdout.write(`migrated (${database.kind})\n`);
      } finally {
        await database.close();
      }
    });
}
