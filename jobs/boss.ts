import { PgBoss, fromPglite, type Queue } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { DEAD_LETTER_QUEUE, JOBS } from './catalogue.ts';

export interface StartBossOptions {
  schema?: string;
  schedule?: boolean;
  supervise?: boolean;
  /** Seconds between monitor passes (missed heartbeats, expired jobs); default 10. */
  monitorSeconds?: number;
  /** A fixed retry delay for every queue instead of its backoff (JOB_RETRY_DELAY_SECONDS: drills, tests). */
  retryDelaySeconds?: number;
  onError?: (error: Error) => void;
}

/**
 * pg-boss on the app's own database: the PGlite instance itself (fromPglite) or the same
 * PostgreSQL. New jobs wake workers within milliseconds through our own NOTIFY (jobs/job-wakeups.ts); pg-boss
 * keeps LISTEN on for the rest of what it coordinates.
 */
export async function startBoss(database: Database, options: StartBossOptions = {}): Promise<PgBoss> {
  const schema = options.schema ?? 'pgboss';
  const monitorSeconds = options.monitorSeconds ?? 10;
  const common = {
    schema,
    useListenNotify: true,
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
    // The monitor pass is what fails jobs whose worker stopped heart-beating (a crashed process);
    // pg-boss runs it every 60 s by default, too slow for alert delivery. 10 s is cheap.
    superviseIntervalSeconds: monitorSeconds,
    monitorIntervalSeconds: monitorSeconds,
    // Workers read each queue's ready count from this cache to drain a bulk backlog without pausing
    // between jobs (jobs/worker.ts); pg-boss refreshes it every 60 s by default, a backlog's lifetime.
    queueCacheIntervalSeconds: monitorSeconds,
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
  if (await ensureQueues(boss, options.retryDelaySeconds, (m) => options.onError?.(new Error(m)))) {
    // Creating or changing a queue evicts pg-boss's in-memory queue cache, and a cache miss inside
    // an enqueue-in-transaction would look the queue up outside the transaction: on single-
    // connection PGlite that waits on the transaction forever. A fresh start loads the full cache.
    await boss.stop({ graceful: false, close: database.kind === 'postgres' });
    boss = create();
    await boss.start();
  }
  return boss;
}

/** Queue settings applied from the catalogue; pg-boss fixes only `policy` and `partition` at creation. */
const SETTINGS = [
  'retryLimit',
  'retryDelay',
  'retryBackoff',
  'retryDelayMax',
  'expireInSeconds',
  'heartbeatSeconds',
  'deadLetter',
  'notify',
] as const;

/** Creates or updates every queue from the catalogue; true when anything changed. */
async function ensureQueues(
  boss: PgBoss,
  retryDelaySeconds?: number,
  onWarning?: (message: string) => void,
): Promise<boolean> {
  let changed = false;
  if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
    await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 14 * 86400 });
    changed = true;
  }
  for (const { name, policy } of JOBS) {
    const fixedDelay = retryDelaySeconds !== undefined;
    const options = {
      retryLimit: policy.retryLimit,
      retryDelay: fixedDelay ? retryDelaySeconds : policy.retryDelay,
      retryBackoff: fixedDelay ? false : policy.retryBackoff,
      retryDelayMax: fixedDelay ? null : (policy.retryDelayMax ?? null),
      expireInSeconds: policy.expireInSeconds,
      heartbeatSeconds: policy.heartbeatSeconds ?? null,
      deadLetter: DEAD_LETTER_QUEUE,
      // pg-boss's NOTIFY wakes every worker of a queue for each insert; ours (jobs/job-wakeups.ts) wakes one per job.
      notify: false,
    } satisfies Record<(typeof SETTINGS)[number], unknown>;
    const existing = await boss.getQueue(name);
    const queuePolicy = policy.queuePolicy ?? 'standard';
    if (!existing) {
      const { retryDelayMax, heartbeatSeconds, ...rest } = options;
      await boss.createQueue(name, {
        ...rest,
        policy: queuePolicy,
        ...(retryDelayMax !== null ? { retryDelayMax } : {}),
        ...(heartbeatSeconds !== null ? { heartbeatSeconds } : {}),
      });
      changed = true;
    } else if ((existing.policy ?? 'standard') !== queuePolicy) {
      // pg-boss cannot change a queue's policy, and recreating it would drop its waiting jobs. Nothing breaks
      // meanwhile: keyed jobs on a standard queue simply do not coalesce.
      onWarning?.(
        `queue ${name} has pg-boss policy ${existing.policy}, the catalogue says ${queuePolicy}: ` +
          'recreate it once it is empty to get the new behaviour',
      );
    }
    if (existing && SETTINGS.some((key) => (existing[key] ?? null) !== options[key])) {
      await boss.updateQueue(name, options);
      changed = true;
    }
  }
  return changed;
}
