import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { systemClock } from '../../core/time/clock.ts';
import { printJson } from '../print.ts';

const progress = (message: string) => process.stderr.write(`${message}\n`);

/**
 * On PostgreSQL the database's own tools are the right ones (consistent snapshot while the app runs, any size).
 * We print the exact command rather than run it: the operator chooses where the dump goes and with which role.
 */
function postgresInstead(what: 'backup' | 'restore', file: string): AppError {
  const command =
    what === 'backup'
      ? `pg_dump -Fc --no-owner -d "$DATABASE_URL" -f ${file}`
      : `pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" ${file}`;
  return new AppError('bad_usage', `${what} covers the embedded database; with DATABASE_URL set run: ${command}`);
}

const tableLine = (tables: Record<string, number>) =>
  Object.entries(tables)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ') || 'no rows';

/** `porchlight backup <file>` and `porchlight restore <file> [--force]` for the embedded database. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Save the embedded database (PGLITE_DIR) to one file; stop `porchlight start` first')
    .argument('<file>', 'where to write the backup (a gzipped tarball of the data dir)')
    .option('--json', 'print {"file","bytes","tables"}')
    .action(async (file: string, opts: { json?: boolean }) => {
      const [{ cliContext }, { backupEmbeddedDatabase }] = await Promise.all([
        import('../env.ts'),
        import('../../db/backup/embedded-backup.ts'),
      ]);
      const { env } = cliContext();
      if (env.DATABASE_URL) throw postgresInstead('backup', file);
      const summary = await backupEmbeddedDatabase({ pgliteDir: env.PGLITE_DIR, file, progress });
      if (opts.json) printJson(summary);
      else process.stdout.write(`backed up to ${file} (${summary.bytes} bytes): ${tableLine(summary.tables)}\n`);
    });
  program
    .command('restore')
    .description('Make a backup file the embedded database (PGLITE_DIR); stop `porchlight start` first')
    .argument('<file>', 'a file written by `porchlight backup`')
    .option('--force', 'replace a data dir that already holds a database (it is moved aside, not deleted)')
    .option('--json', 'print {"file","bytes","tables","previousDataDir"}')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const [{ cliContext }, { restoreEmbeddedDatabase }] = await Promise.all([
        import('../env.ts'),
        import('../../db/backup/embedded-backup.ts'),
      ]);
      const { env } = cliContext();
      if (env.DATABASE_URL) throw postgresInstead('restore', file);
      const summary = await restoreEmbeddedDatabase({
        pgliteDir: env.PGLITE_DIR,
        file,
        force: opts.force,
        now: systemClock.now(),
        progress,
      });
      if (opts.json) printJson(summary);
      else {
        const aside = summary.previousDataDir ? `; the previous database is in ${summary.previousDataDir}` : '';
        process.stdout.write(`restored ${file} into ${env.PGLITE_DIR}: ${tableLine(summary.tables)}${aside}\n`);
      }
    });
}
