import type { PgBoss, DrizzleSqlTagLike, DrizzleTransactionLike, SendOptions } from 'pg-boss';
// The adapter alone, not pg-boss's index: a process that only enqueues (the edge Worker) never loads the client.
import { fromDrizzle } from 'pg-boss/dist/adapters/drizzle.js';
import { is, Param, SQL, sql } from 'drizzle-orm';
import { jobByName, type JobPayload, type QueueName } from './catalogue.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../core/errors/app-error.ts';
import { laneOfPriority } from '../core/inbound/job-lane.ts';

/** The NOTIFY channel new jobs are announced on (jobs/job-wakeups.ts wakes workers from it). */
export const JOB_WAKE_CHANNEL = 'porchlight_jobs';

export interface WakeMessage {
  queue: string;
  fast: number;
  bulk: number;
}

// PostgreSQL folds identical notifications of one transaction into one: a serial number keeps two enqueues of one
// queue in one transaction two wake-ups.
let wakeSerial = 0;

/** `<queue> <fast jobs> <bulk jobs> <serial>`. */
export const wakeMessage = (m: WakeMessage): string => `${m.queue} ${m.fast} ${m.bulk} ${++wakeSerial}`;

export function readWakeMessage(payload: string): WakeMessage | undefined {
  const [queue, fast, bulk] = payload.split(' ');
  const counts = [Number(fast), Number(bulk)];
  if (!queue || !counts.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  return { queue, fast: counts[0], bulk: counts[1] };
}

export interface EnqueueOptions extends Omit<SendOptions, 'db'> {
  /** Enqueue inside this transaction: if it rolls back, the job never existed. */
  tx?: Tx;
}

/** The typed face of pg-boss the rest of the app uses. */
export class JobQueue {
  readonly boss: PgBoss;
  constructor(boss: PgBoss) {
    this.boss = boss;
  }

  /**
   * @example await queue.enqueue('lead.score', { tenantId, leadId }, { tx })
   */
  async enqueue<Q extends QueueName>(
    name: Q,
    data: JobPayload<Q>,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const parsed = jobByName(name).schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
      throw new AppError('validation_failed', `Job payload for ${name} is invalid: ${issues}`);
    }
    const { tx, ...rest } = options;
    const singletonKey = rest.singletonKey ?? jobByName(name).coalesceKey(parsed.data, rest.priority);
    const send: SendOptions = { ...rest, ...(singletonKey !== undefined ? { singletonKey } : {}) };
    if (tx) send.db = fromDrizzle(transactionLike(tx), sqlTag);
    const id = await this.boss.send(name, parsed.data, send);
    // A job that waits (startAfter) is found by the workers' poll when it is due; a singleton clash queued nothing.
    if (id !== null && rest.startAfter === undefined) await this.announce(name, [rest.priority], tx);
    return id;
  }

  /** Tells the workers how many jobs of each lane just arrived, in the enqueue's own transaction when it has one. */
  private async announce(name: QueueName, priorities: ReadonlyArray<number | undefined>, tx?: Tx): Promise<void> {
    const fast = priorities.filter((p) => laneOfPriority(p) === 'fast').length;
    const payload = wakeMessage({ queue: name, fast, bulk: priorities.length - fast });
    if (tx) await tx.execute(sql`select pg_notify(${JOB_WAKE_CHANNEL}, ${payload})`);
    else await this.boss.getDb().executeSql('select pg_notify($1, $2)', [JOB_WAKE_CHANNEL, payload]);
  }

  /**
   * Many jobs of one queue in one insert (re-scoring a whole tenant), optionally inside a transaction.
   * @example await queue.enqueueMany('lead.score', leadIds.map((leadId) => ({ tenantId, leadId })), { tx })
   */
  async enqueueMany<Q extends QueueName>(name: Q, items: JobPayload<Q>[], options: { tx?: Tx } = {}): Promise<void> {
    await this.enqueueEach(
      name,
      items.map((data) => ({ data })),
      options,
    );
  }

  /**
   * Like `enqueueMany`, with a lane (`priority`) and a pg-boss `group` per job: a batch of webhooks from many
   * contacts, each job in its contact's group.
   */
  async enqueueEach<Q extends QueueName>(
    name: Q,
    items: ReadonlyArray<{ data: JobPayload<Q>; priority?: number; group?: { id: string } }>,
    options: { tx?: Tx } = {},
  ): Promise<void> {
    if (items.length === 0) return;
    const job = jobByName(name);
    const jobs = items.map(({ data, priority, group }) => {
      const parsed = job.schema.safeParse(data);
      if (!parsed.success)
        throw new AppError('validation_failed', `Job payload for ${name} is invalid: ${parsed.error.message}`);
      const singletonKey = job.coalesceKey(parsed.data, priority);
      return {
        data: parsed.data,
        ...(priority ? { priority } : {}),
        ...(group ? { group } : {}),
        ...(singletonKey !== undefined ? { singletonKey } : {}),
      };
    });
    await this.boss.insert(
      name,
      jobs,
      options.tx ? { db: fromDrizzle(transactionLike(options.tx), sqlTag) } : undefined,
    );
    await this.announce(
      name,
      items.map((item) => item.priority),
      options.tx,
    );
  }
}

/**
 * pg-boss's drizzle adapter speaks to any `execute`; ours answers `unknown` because `Db` spans both
 * backends, so the rows are checked here rather than cast.
 */
function transactionLike(tx: Tx): DrizzleTransactionLike {
  return {
    async execute(query) {
      if (!is(query, SQL)) throw new TypeError('pg-boss handed the drizzle adapter something other than SQL');
      const result: unknown = await tx.execute(query);
      if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows))
        return { rows: result.rows };
      throw new TypeError('drizzle answered a pg-boss statement without rows');
    },
  };
}

/** drizzle's `sql` tag, widened to what the adapter passes: only `sql.param(...)` values. */
const sqlTag: DrizzleSqlTagLike = Object.assign(
  (strings: TemplateStringsArray, ...values: unknown[]) =>
    sql(strings, ...values.map((value) => (is(value, Param) ? value : sql.param(value)))),
  { param: (value: unknown) => sql.param(value) },
);
