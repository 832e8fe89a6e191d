import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { AppError } from '../../core/errors/app-error.ts';
import { openDatabase } from '../client.ts';
import { readPgliteLock } from '../pglite-lock.ts';
import { tableRowCounts } from '../queries/table-row-counts.ts';

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Rows per table in what was saved (or restored). */
  tables: Record<string, number>;
}

export interface RestoreSummary extends BackupSummary {
  /** Where the data dir that was replaced now lives (`--force`), or null when the dir was empty. */
  previousDataDir: string | null;
}

type Progress = (message: string) => void;

/**
 * `porchlight backup <file>` on the embedded database: the whole PGlite data dir as one gzipped tarball
 * (PGlite's `dumpDataDir`). Opening the database takes its lock, so a running server makes this fail clearly
 * instead of copying a database in mid-write. Written beside the target and renamed, so a failed backup never
 * leaves a truncated file under the name of a good one.
 */
export async function backupEmbeddedDatabase(input: {
  pgliteDir: string;
  file: string;
  progress?: Progress;
}): Promise<BackupSummary> {
  const { pgliteDir, file, progress = () => {} } = input;
  assertOnDisk(pgliteDir);
  if (!hasData(pgliteDir)) throw new AppError('not_found', `No embedded database in ${pgliteDir} to back up`);
  progress(`opening ${pgliteDir}`);
  const database = await openDatabase({ pgliteDir });
  try {
    const tables = await tableRowCounts(database.db);
    progress(`dumping ${Object.keys(tables).length} tables`);
    const dump = await database.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    const partial = `${file}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    progress(`wrote ${bytes.length} bytes to ${file}`);
    return { file, bytes: bytes.length, tables };
  } finally {
    await database.close();
  }
}

/**
 * `porchlight restore <file>`: a backup becomes the embedded database. A data dir that already holds a database
 * is refused unless `force`; then it is moved aside (`<dir>.before-restore-<time>`), not deleted, and moved back
 * if the backup does not load.
 */
export async function restoreEmbeddedDatabase(input: {
  pgliteDir: string;
  file: string;
  force?: boolean;
  now: Date;
  progress?: Progress;
}): Promise<RestoreSummary> {
  const { pgliteDir, file, progress = () => {} } = input;
  assertOnDisk(pgliteDir);
  const holder = readPgliteLock(pgliteDir);
  if (holder)
    throw new AppError(
      'unavailable',
      `The embedded database in ${pgliteDir} is in use (pid ${holder.pid}); stop it first`,
    );
  if (!existsSync(file)) throw new AppError('not_found', `No backup file ${file}`);
  let previousDataDir: string | null = null;
  if (isOccupied(pgliteDir)) {
    if (!input.force)
      throw new AppError(
        'conflict',
        `${pgliteDir} already holds a database; pass --force to replace it (it is moved aside, not deleted)`,
      );
    previousDataDir = `${pgliteDir}.before-restore-${input.now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(pgliteDir, previousDataDir);
    progress(`moved the current database to ${previousDataDir}`);
  }
  progress(`loading ${file}`);
  const bytes = readFileSync(file);
  try {
    const database = await openDatabase({ pgliteDir, loadDataDir: new Blob([bytes]) });
    try {
      const tables = await tableRowCounts(database.db);
      progress(`restored ${Object.keys(tables).length} tables`);
      return { file, bytes: bytes.length, tables, previousDataDir };
    } finally {
      await database.close();
    }
  } catch (error) {
    rmSync(pgliteDir, { recursive: true, force: true });
    if (previousDataDir) renameSync(previousDataDir, pgliteDir);
    throw new AppError('bad_request', `${file} is not a Porchlight backup that loads: ${(error as Error).message}`);
  }
}

function assertOnDisk(pgliteDir: string): void {
  if (pgliteDir.startsWith('memory://'))
    throw new AppError('bad_usage', 'PGLITE_DIR is in memory; backup and restore need a data dir on disk');
}

/** A PostgreSQL data dir has PG_VERSION. */
function hasData(pgliteDir: string): boolean {
  return isDir(pgliteDir) && readdirSync(pgliteDir).includes('PG_VERSION');
}

/** Anything in the folder but a stale lock file: restoring over it would mix two things into one dir. */
function isOccupied(pgliteDir: string): boolean {
  return isDir(pgliteDir) ? readdirSync(pgliteDir).some((name) => name !== 'porchlight.lock') : existsSync(pgliteDir);
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
