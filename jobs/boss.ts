import { PgBoss, fromPglite, type Queue } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { DEAD_LETTER_QUEUE, JOBS } from './catalogue.ts';

/**
 * pg-boss on the app's own database: the PGlite instance itself (fromPglite) or the same
 * PostgreSQL. LISTEN/NOTIFY wakes workers within milliseconds instead of the polling interval.
 */
export async function startBoss(
  database: Database,
  options: { schema?: string; schedule?: boolean; supervise?: boolean; onError?: (error: Error) => void } = {},
): Promise<PgBoss> {
  const schema = options.schema ?? 'pgboss';
  const common = {
    schema,
    useListenNotify: true,
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
    // The monitor pass is what fails jobs whose worker stopped heart-beating (a crashed process);
    // pg-boss runs it every 60 s by default, too slow for alert delivery. 10 s is cheap.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    migrate: true,
  };
  const { pglite } = database;
  const create = () => {
    const boss = pglite
      ? new PgBoss({ ...common, db: fromPglite(pglite) })
      : new PgBoss({ ...common, connectionString: database.connectionString, max: 5 });
    boss.on('error', (error) => options.onError?.(error));
    return boss;
  };
  let boss = create();
  await boss.start();
  if (await ensureQueues(boss)) {
    // Creating or changing a queue evicts pg-boss's in-memory queue cache, and a cache miss inside
    // an enqueue-in-transaction would look the queue up outside the transaction: on single-
    // connection PGlite that waits on the transaction forever. A fresh start loads the full cache.
    await boss.stop({ graceful: false, close: database.kind === 'postgres' });
    boss = create();
    await boss.start();
  }
  return boss;
}

/** Queue settings pg-boss can change after creation; the rest are fixed when the queue is created. */
const UPDATABLE = ['retryLimit', 'retryDelay', 'retryBackoff', 'expireInSeconds', 'deadLetter', 'notify'] as const;

/** Creates or updates every queue from the catalogue; true when anything changed. */
async function ensureQueues(boss: PgBoss): Promise<boolean> {
  let changed = false;
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
    await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 14 * 86400 });
    changed = true;
  }
  for (const { name, policy } of JOBS) {
    // retryDelayMax and heartbeatSeconds are fixed at creation (pg-boss cannot update them).
    const fixed = {
      ...(policy.retryDelayMax !== undefined ? { retryDelayMax: policy.retryDelayMax } : {}),
      ...(policy.heartbeatSeconds !== undefined ? { heartbeatSeconds: policy.heartbeatSeconds } : {}),
    };
    const options: Pick<Queue, (typeof UPDATABLE)[number]> = {
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelay,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
      deadLetter: DEAD_LETTER_QUEUE,
      notify: true,
    };
    const existing = await boss.getQueue(name);
    if (!existing) {
      await boss.createQueue(name, { ...fixed, ...options });
      changed = true;
    } else if (UPDATABLE.some((key) => existing[key] !== options[key])) {
      await boss.updateQueue(name, options);
      changed = true;
    }
  }
  return changed;
}
