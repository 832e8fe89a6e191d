import type { Db as IDatabase, JobInsert, PgBoss, SendOptions } from 'pg-boss';
// pg-boss's own statement builders, not its client: the job rows are byte for byte what `send`/`insert` write.
import { getQueues, insertJobs } from 'pg-boss/dist/plans.js';
import { AppError } from '../../core/errors/app-error.ts';

/** What a job insert needs to know about its queue: pg-boss keeps one table per partitioned queue. */
interface QueueFacts {
  table: string;
  policy: string;
  notify: boolean;
}

/** Queue facts change only when `porchlight work` (re)creates a queue; a minute is plenty. */
const QUEUE_FACTS_TTL_MS = 60_000;

/** Per isolate on the edge (plain data, no connection): the first request of a minute looks each queue up. */
const queueFacts = new Map<string, { facts: QueueFacts; at: number }>();

/**
 * The two parts of pg-boss a process that only enqueues needs, `send` and `insert`, for the edge Worker: no
 * pool, no LISTEN, no maintenance, no schema migration (Node's `porchlight work` owns all of that), nothing that
 * outlives a request. Each runs pg-boss's own `insertJobs` statement with the payload pg-boss builds, so a Node
 * worker cannot tell an edge-enqueued job from one it enqueued itself. Everything else a `PgBoss` has is absent:
 * the edge never reads queues or works jobs, and a call to anything else fails naming this file.
 * @example const queue = new JobQueue(createEnqueueOnlyBoss(adapterOver(client)))
 */
export function createEnqueueOnlyBoss(db: IDatabase, options: { schema?: string } = {}): PgBoss {
  const schema = options.schema ?? 'pgboss';

  const factsOf = async (name: string, via: IDatabase): Promise<QueueFacts> => {
    const cached = queueFacts.get(name);
    if (cached && Date.now() - cached.at < QUEUE_FACTS_TTL_MS) return cached.facts;
    const query = getQueues(schema, [name]);
    const { rows } = await via.executeSql(query.text, query.values);
    const row = rows[0] as { table: string; policy: string; notify: boolean } | undefined;
    if (!row) throw new AppError('unavailable', `Queue ${name} does not exist yet: start \`porchlight work\` once`);
    const facts = { table: row.table, policy: row.policy, notify: Boolean(row.notify) };
    queueFacts.set(name, { facts, at: Date.now() });
    return facts;
  };

  const run = async (name: string, jobs: object[], via: IDatabase, returnId: boolean) => {
    const { table, policy, notify } = await factsOf(name, via);
    if (policy === 'key_strict_fifo' && jobs.some((job) => !('singletonKey' in job) || !job.singletonKey))
      throw new AppError('validation_failed', `key_strict_fifo queues require a singletonKey (${name})`);
    const sql = insertJobs(schema, { table, name, returnId, notify });
    const { rows } = await via.executeSql(sql, [JSON.stringify(jobs)]);
    return (rows as Array<{ id: string }>).map((row) => row.id);
  };

  const boss = {
    /** The connection jobs are announced on (jobs/queue.ts). */
    getDb: () => db,
    /** pg-boss's `send`: its job payload (manager.#toJobPayload), one row, the id or null on a singleton clash. */
    async send(name: string, data: object | null, sendOptions: SendOptions = {}): Promise<string | null> {
      const { db: via, ...o } = sendOptions;
      const job = {
        id: o.id ?? null,
        name,
        data: data ?? null,
        priority: o.priority || 0,
        startAfter: o.startAfter instanceof Date ? o.startAfter.toISOString() : o.startAfter?.toString(),
        singletonKey: o.singletonKey ?? null,
        singletonSeconds: o.singletonSeconds,
        singletonOffset: 0,
        groupId: o.group?.id ?? null,
        groupTier: o.group?.tier ?? null,
        expireInSeconds: o.expireInSeconds,
        deleteAfterSeconds: o.deleteAfterSeconds,
        retentionSeconds: o.retentionSeconds,
        retryLimit: o.retryLimit,
        retryDelay: o.retryDelay,
        retryBackoff: o.retryBackoff,
        retryDelayMax: o.retryDelayMax,
        heartbeatSeconds: o.heartbeatSeconds,
        deadLetter: o.deadLetter ?? null,
      };
      const [id] = await run(name, [job], via ?? db, true);
      return id ?? null;
    },
    /** pg-boss's `insert`: the jobs as given, a `group` flattened to the columns its statement reads. */
    async insert(name: string, jobs: JobInsert[], insertOptions: { db?: IDatabase; returnId?: boolean } = {}) {
      const payload = jobs.map(({ group, ...rest }) =>
        group ? { ...rest, groupId: group.id, groupTier: group.tier } : rest,
      );
      const ids = await run(name, payload, insertOptions.db ?? db, Boolean(insertOptions.returnId));
      return ids.length ? ids : null;
    },
  };
  return new Proxy(boss, {
    get(target, property) {
      if (property in target) return target[property as keyof typeof target];
      if (typeof property === 'symbol' || property === 'then') return undefined;
      throw new AppError(
        'internal',
        `pg-boss ${property}() is not available on the edge (db/edge/enqueue-only-boss.ts)`,
      );
    },
  }) as unknown as PgBoss;
}
