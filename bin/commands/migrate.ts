import type { Command } from 'commander';
import { cliContext } from '../env.ts';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { startBoss } from '../../jobs/boss.ts';
import { printJson } from '../print.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations and create the job queues')
    .option('--json', 'print {"migrated":true,"database":"pglite"|"postgres"}')
    .action(async (opts: { json?: boolean }) => {
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
