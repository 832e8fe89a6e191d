import type { PgBoss } from 'pg-boss';
import { DEAD_LETTER_QUEUE } from './catalogue.ts';

export interface DeadJob {
  id: string;
  queue: string | null;
  failedAt: Date;
  retries: number | null;
  error: string;
  data: unknown;
}

/** Jobs that exhausted their retries, newest first. */
export async function listDeadJobs(boss: PgBoss, options: { queue?: string } = {}): Promise<DeadJob[]> {
  const jobs = await boss.findJobs(DEAD_LETTER_QUEUE, {});
  return jobs
    .filter((j) => !options.queue || j.sourceName === options.queue)
    .filter((j) => j.state === 'created' || j.state === 'retry')
    .map((j) => ({
      id: j.id,
      queue: j.sourceName,
      failedAt: new Date(j.createdOn),
      retries: j.sourceRetryCount,
      error: summarizeError(j.sourceOutput ?? j.output),
      data: j.data,
    }))
    .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
}

/** Moves dead jobs back to the queue they failed on, with fresh retries. */
export async function replayDeadJobs(boss: PgBoss, options: { ids?: string[]; queue?: string } = {}): Promise<number> {
  return boss.redrive(DEAD_LETTER_QUEUE, {
    ...(options.ids?.length ? { ids: options.ids } : {}),
    ...(options.queue ? { sourceName: options.queue } : {}),
  });
}

function summarizeError(output: unknown): string {
  if (!output || typeof output !== 'object') return '';
  const o = output as { message?: string; value?: { message?: string } };
  return (o.message ?? o.value?.message ?? JSON.stringify(output)).slice(0, 200);
}
