import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors/app-error.ts';

export interface LockInfo {
  pid: number;
  /** HTTP port of the process holding the lock, so CLI commands can go through it. */
  port?: number;
  /** Random per-start token for the loopback-only `/internal/*` routes (`porchlight demo`, `chat`). */
  adminToken?: string;
  startedAt: string;
}

const lockPath = (dir: string) => join(dir, 'porchlight.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the embedded database, if anyone (stale locks from crashed processes are ignored). */
export function readPgliteLock(dir: string): LockInfo | null {
  const path = lockPath(dir);
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return info.pid !== process.pid && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it. The lock turns that into a clear error instead.
 */
export function acquirePgliteLock(dir: string): { update(info: Partial<LockInfo>): void; release(): void } {
  const holder = readPgliteLock(dir);
  if (holder) {
    throw new AppError(
      'unavailable',
      `The embedded database in ${dir} is in use by a running Porchlight (pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). Stop it first, or set DATABASE_URL so several processes can share PostgreSQL.`,
    );
  }
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  const write = () => writeFileSync(lockPath(dir), JSON.stringify(info));
  write();
  return {
    update(more) {
      info = { ...info, ...more };
      write();
    },
    release() {
      try {
        const current = JSON.parse(readFileSync(lockPath(dir), 'utf8')) as LockInfo;
        if (current.pid === process.pid) rmSync(lockPath(dir));
      } catch {
        // already gone
      }
    },
  };
}
