import { PgBoss, fromDrizzle, type SendOptions } from 'pg-boss';
import { sql } from 'drizzle-orm';
import { QUEUES, type JobPayload, type QueueName } from './registry.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../core/errors/app-error.ts';

export interface EnqueueOptions extends Omit<SendOptions, 'db'> {
  /** Enqueue inside this transaction: if it rolls back, the job never existed. */
  tx?: Tx;
}

/** The typed face of pg-boss the rest of the app uses. */
export class JobQueue {
  constructor(readonly boss: PgBoss) {}

  /**
   * @example await queue.enqueue('lead.score', { tenantId, leadId }, { tx })
   */
  async enqueue<Q extends QueueName>(
    name: Q,
    data: JobPayload<Q>,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const parsed = QUEUES[name].schema.safeParse(data);
    if (!parsed.success) {
      throw new AppError(
        'validation_failed',
        `Job payload for ${name} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    const { tx, ...rest } = options;
    const send: SendOptions = { ...rest };
    if (tx) send.db = fromDrizzle(tx as never, sql as never);
    return this.boss.send(name, parsed.data as object, send);
  }
}
