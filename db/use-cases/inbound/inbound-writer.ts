import { AppError } from '../../../core/errors/app-error.ts';
import { isDatabaseUnavailable } from '../../../core/errors/database-unavailable.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import type { RecordedInboundEvent } from '../../queries/inbound/record-inbound-events.ts';
import { writeInboundBatch, type InboundWrite } from './write-inbound-batch.ts';

/** Stores inbound events durably; `write` resolves only after the event and its job are committed. */
export interface InboundWriter {
  write(write: InboundWrite): Promise<RecordedInboundEvent>;
}

export interface GroupCommitOptions {
  /** Most events in one transaction. */
  maxBatch?: number;
  /** Transactions open at once (each holds one pool connection). */
  maxInFlight?: number;
}

interface Waiting {
  write: InboundWrite;
  resolve: (stored: RecordedInboundEvent) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: webhooks that arrive while earlier ones are being committed share the next transaction (one
 * multi-row INSERT, one job insert, one commit), so a burst costs a few commits instead of one per request. At
 * low load nothing waits: a lone event is written on the next turn of the event loop. The batching window is
 * the time the transactions in flight take, capped at `maxBatch` events.
 *
 * A batch that fails is retried one event at a time, so a single bad event fails only its own request; when the
 * database itself is unavailable every request of the batch fails at once (the sender gets 503 and retries).
 * @example const writer = createGroupCommitWriter({ db, queue }); const stored = await writer.write(inboundWrite)
 */
export function createGroupCommitWriter(
  deps: { db: Db; queue: JobQueue },
  options: GroupCommitOptions = {},
): InboundWriter {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 2;
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const commit = async (batch: Waiting[]): Promise<void> => {
    try {
      const stored = await writeInboundBatch(
        deps,
        batch.map((w) => w.write),
      );
      batch.forEach((w, i) => w.resolve(stored[i]));
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      if (batch.length === 1) return batch[0].reject(notStored(error));
      await Promise.all(batch.map((w) => commit([w])));
    }
  };

  const flush = (): void => {
    scheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight++;
      void commit(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  };

  function schedule(): void {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    // Requests that reach us in the same turn of the event loop join this batch.
    setImmediate(flush);
  }

  return {
    write: (write) =>
      new Promise((resolve, reject) => {
        waiting.push({ write, resolve, reject });
        schedule();
      }),
  };
}

/**
 * An event the database refused on its own (a team deleted a moment ago, say) is not the sender's fault and may
 * store fine on a retry: 503 with Retry-After, the database's words kept as the cause for the log.
 */
function notStored(error: unknown): AppError {
  return Object.assign(new AppError('unavailable', 'The event could not be stored; retry shortly'), { cause: error });
}

/** The edge runtime's writer: no process outlives a request there, so each event is its own batch of one. */
export function createDirectWriter(deps: { db: Db; queue: JobQueue }): InboundWriter {
  return {
    async write(write) {
      try {
        return (await writeInboundBatch(deps, [write]))[0];
      } catch (error) {
        throw isDatabaseUnavailable(error) ? error : notStored(error);
      }
    },
  };
}
