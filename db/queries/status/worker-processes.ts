import { eq, gt, lt, sql } from 'drizzle-orm';
import { workerProcesses } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type WorkerProcess = typeof workerProcesses.$inferSelect;

/** Records that this worker process is alive (its first heartbeat creates its row), by the database's clock. */
export async function recordWorkerHeartbeat(
  db: Executor,
  worker: Pick<WorkerProcess, 'id' | 'host' | 'pid' | 'concurrency'>,
): Promise<void> {
  await db
    .insert(workerProcesses)
    .values({ ...worker, startedAt: sql`now()`, seenAt: sql`now()` })
    .onConflictDoUpdate({ target: workerProcesses.id, set: { seenAt: sql`now()` } });
}

/** A process stopping cleanly takes its row with it. */
export async function forgetWorkerProcess(db: Executor, id: string): Promise<void> {
  await db.delete(workerProcesses).where(eq(workerProcesses.id, id));
}

/** Rows of processes gone for longer than this (killed, or a host that vanished). */
export async function forgetStaleWorkerProcesses(db: Executor, silentSeconds: number): Promise<void> {
  await db
    .delete(workerProcesses)
    .where(lt(workerProcesses.seenAt, sql`now() - make_interval(secs => ${silentSeconds})`));
}

/** Processes that heart-beat within the last `withinSeconds`, longest-running first. */
export async function liveWorkerProcesses(db: Executor, withinSeconds: number): Promise<WorkerProcess[]> {
  return db
    .select()
    .from(workerProcesses)
    .where(gt(workerProcesses.seenAt, sql`now() - make_interval(secs => ${withinSeconds})`))
    .orderBy(workerProcesses.startedAt, workerProcesses.host, workerProcesses.pid);
}
