import type { Env } from '../core/config/env-schema.ts';
import type { Clock } from '../core/time/clock.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { Metrics } from '../core/observability/metrics.ts';
import type { Database, Db } from '../db/client.ts';
import type { JobQueue } from './queue.ts';

/**
 * What every process part shares: config, database, queue, logger, clock, metrics. Built once in
 * bin/ (or by a test) and handed down; nothing reaches for globals.
 */
export interface Runtime {
  env: Env;
  database: Database;
  db: Db;
  queue: JobQueue;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  /** Outbound HTTP for integrations; tests and fakes can swap it. */
  fetch: typeof fetch;
  /** Cache of lazily built integration clients and channels, keyed by name. */
  services: Map<string, unknown>;
}

/** Builds a service once per runtime. @example const ghl = service(rt, 'ghl', () => createGhlClient(...)) */
export function service<T>(runtime: Runtime, key: string, build: () => T): T {
  if (!runtime.services.has(key)) runtime.services.set(key, build());
  return runtime.services.get(key) as T;
}
