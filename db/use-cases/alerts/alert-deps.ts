import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Executor } from '../../client.ts';

/** What an alert use case needs: the database (or the caller's transaction), the queue and the clock. */
export interface AlertDeps {
  /** The database, or an open transaction: the use case then runs in a savepoint of it. */
  db: Executor;
  queue: JobQueue;
  clock: Clock;
}
