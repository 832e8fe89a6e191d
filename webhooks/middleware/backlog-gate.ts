import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors/app-error.ts';
import type { AppEnv } from '../app-env.ts';

export interface BacklogGateOptions {
  /** Counts the jobs waiting; called at most once per `refreshMs`, never on the request path. */
  count: () => Promise<number>;
  /** Answer 429 above this many waiting jobs. */
  maxBacklog: number;
  refreshMs?: number;
  /** Seconds the sender is asked to wait (Retry-After). */
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

/** Default: 429 once 20,000 GHL events wait (several minutes of work at our measured rates). */
export const DEFAULT_GHL_MAX_BACKLOG = 20_000;

/**
 * Back-pressure for webhook ingest: when workers fall behind, answer 429 so the sender (GHL
 * retries 429s) holds the event instead of us piling up jobs. Counting the queue on every request
 * would itself become the bottleneck under load, so the count is cached and refreshed in the
 * background at most once per `refreshMs`; a burst can overshoot the limit by one interval's worth.
 * Build one per app (the cache is the point), e.g. in the route factory.
 * @example const gate = createBacklogGate({ count: () => queueBacklog(db, 'ghl.event'), maxBacklog: 20_000 })
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

/**
 * Answers 429 with Retry-After while the gate's backlog is over its limit.
 * @example app.post('/webhooks/ghl', verifySignature('ghl', runtime), backlogGate(gate, 'GHL event'), handler)
 */
export function backlogGate(gate: BacklogGate, what: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const state = gate.check();
    if (state.over) {
      c.header('Retry-After', String(state.retryAfterSeconds));
      throw new AppError(
        'too_many_requests',
        `${what} backlog is ${state.backlog} (limit ${state.maxBacklog}); retry in ${state.retryAfterSeconds} s`,
      );
    }
    await next();
  });
}
