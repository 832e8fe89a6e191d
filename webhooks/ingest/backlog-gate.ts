import { sql } from 'drizzle-orm';
import type { Runtime } from '../../jobs/runtime.ts';
import { service } from '../../jobs/runtime.ts';

export interface BacklogGateOptions {
  /** Counts the jobs waiting; called at most once per `refreshMs`, never on the request path. */
  count: () => Promise<number>;
  /** Answer 429 above this many waiting jobs. */
  maxBacklog: number;
  refreshMs?: number;
  /** Seconds GHL is asked to wait (Retry-After). */
  retryAfterSeconds?: number;
  /** Monotonic milliseconds; injectable so tests need no sleeping. */
  now?: () => number;
  onError?: (error: unknown) => void;
}

export interface BacklogState {
  over: boolean;
  backlog: number;
  maxBacklog: number;
  retryAfterSeconds: number;
}

export interface BacklogGate {
  /** Synchronous: answers from the cached count and kicks off a refresh when it is stale. */
  check(): BacklogState;
  /** Recounts now (single-flight). */
  refresh(): Promise<number>;
}

/**
 * Back-pressure for webhook ingest: when workers fall behind, answer 429 so the sender (GHL
 * retries 429s) holds the event instead of us piling up jobs. Counting the queue on every request
 * would itself become the bottleneck under load, so the count is cached and refreshed in the
 * background at most once per `refreshMs`; a burst can overshoot the limit by one interval's worth.
 * @example const gate = createBacklogGate({ count: () => countWaiting(rt, 'ghl.event'), maxBacklog: 20_000 })
 */
export function createBacklogGate(options: BacklogGateOptions): BacklogGate {
  const refreshMs = options.refreshMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  let backlog = 0;
  let countedAt = -Infinity;
  let inflight: Promise<number> | undefined;
  const refresh = (): Promise<number> => {
    inflight ??= options
      .count()
      .then((n) => {
        backlog = n;
        return n;
      })
      .catch((error) => {
        options.onError?.(error);
        return backlog;
      })
      .finally(() => {
        countedAt = now();
        inflight = undefined;
      });
    return inflight;
  };
  return {
    check() {
      if (!inflight && now() - countedAt >= refreshMs) void refresh();
      return {
        over: backlog > options.maxBacklog,
        backlog,
        maxBacklog: options.maxBacklog,
        retryAfterSeconds: options.retryAfterSeconds ?? 10,
      };
    },
    refresh,
  };
}

/** Jobs waiting in a queue (created or waiting to retry). pg-boss partitions jobs by queue name, so this touches one partition. */
export async function countWaitingJobs(runtime: Runtime, queue: string): Promise<number> {
  const result = await runtime.db.execute(
    sql`select count(*)::int as n from pgboss.job where name = ${queue} and state in ('created', 'retry')`,
  );
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return Number(rows[0]?.n ?? 0);
}

/** Default: 429 once 20,000 GHL events wait (several minutes of work at our measured rates). */
export const GHL_BACKLOG_GATE = 'ghl.backlog-gate';
export const DEFAULT_GHL_MAX_BACKLOG = 20_000;

/** The runtime's gate for `ghl.event`; a test may put its own under GHL_BACKLOG_GATE first. */
export function ghlBacklogGate(runtime: Runtime): BacklogGate {
  return service(runtime, GHL_BACKLOG_GATE, () =>
    createBacklogGate({
      count: () => countWaitingJobs(runtime, 'ghl.event'),
      maxBacklog: DEFAULT_GHL_MAX_BACKLOG,
      onError: (error) =>
        runtime.logger.warn({ err: error }, 'could not count the ghl.event backlog; keeping the last count'),
    }),
  );
}
