import type { Env } from '../../core/config/env-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { Metrics } from '../../core/observability/metrics.ts';
import { systemClock, type Clock } from '../../core/time/clock.ts';
import { createEnqueueOnlyBoss } from '../../db/edge/enqueue-only-boss.ts';
import { requestDatabase } from '../../db/edge/request-database.ts';
import { locationRecord } from '../../db/queries/crm-apply/locations.ts';
import { createDirectWriter } from '../../db/use-cases/inbound/inbound-writer.ts';
import { JobQueue } from '../../jobs/queue.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createSlackHttpApp } from '../../bots/slack/slack-app.ts';
import { createSlackWeb } from '../../bots/slack/slack-web.ts';

type Providers = Runtime['providers'];

/** What one request of the Worker gets from the isolate: config and logger, parsed and built once. */
export interface EdgeIsolate {
  env: Env;
  logger: Logger;
  clock?: Clock;
}

/**
 * A `Runtime` for one request on the edge: its own database connection (through Hyperdrive), pg-boss reduced to
 * enqueueing, each inbound event written as a batch of one (no batcher can outlive a request), and locations
 * read per request (no LISTEN connection either). The parts only Node's processes use (workers, channels, the
 * terminal, the saved-search index) are absent: touching one is an error naming it, never a silent no-op. Metrics
 * are the one exception: an isolate has no /metrics to scrape, so counts go nowhere (Cloudflare counts requests).
 * @example const runtime = edgeRuntime(isolate, env.HYPERDRIVE.connectionString); ctx.waitUntil(runtime.close())
 */
export function edgeRuntime(isolate: EdgeIsolate, connectionString: string): Runtime & { close(): Promise<void> } {
  const { env, logger } = isolate;
  const database = requestDatabase(connectionString, {
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
  });
  const { db } = database;
  const queue = new JobQueue(createEnqueueOnlyBoss(database.jobs));
  const runtime: Runtime & { close(): Promise<void> } = {
    env,
    database,
    db,
    queue,
    logger,
    clock: isolate.clock ?? systemClock,
    metrics: uncounted<Metrics>(),
    // Called as `runtime.fetch(…)`: workerd refuses a fetch whose `this` is not the global scope.
    fetch: (input, init) => globalThis.fetch(input, init),
    providers: edgeProviders(() => runtime),
    channels: absent('channels (alerts are delivered by `porchlight work`)'),
    terminal: absent('the terminal channel'),
    adminToken: absent('the local admin token'),
    searchIndex: absent('the saved-search index (matching runs in `porchlight work`)'),
    inboundWriter: createDirectWriter({ db, queue }),
    locations: { lookup: (locationId) => locationRecord(db, locationId), close: async () => {} },
    // No job runs in a Worker isolate: nothing to hold back while a webhook is answered.
    laneGate: { fastJob: () => () => {}, bulkTurn: async () => {} },
    close: () => database.close(),
  };
  return runtime;
}

/** Slack's Bolt app and Web API (the `/alert` form opens within Slack's 3 s); no other outbound client runs here. */
function edgeProviders(runtime: () => Runtime): Providers {
  let slackApp: ReturnType<Providers['slackApp']> | undefined;
  let slackWeb: ReturnType<Providers['slackWeb']> | undefined;
  const providers: Pick<Providers, 'slackApp' | 'slackWeb'> = {
    slackApp: () => (slackApp ??= createSlackHttpApp(runtime())),
    slackWeb: () => (slackWeb ??= createSlackWeb(runtime())),
  };
  return new Proxy(providers, {
    get: (target, name) =>
      name in target ? target[name as keyof typeof target] : absent(`the ${String(name)} client`),
  }) as Providers;
}

/** Prometheus metrics that count nothing: every counter, gauge and histogram accepts its calls and drops them. */
function uncounted<T>(): T {
  const sink: object = new Proxy(() => sink, { get: (_t, p) => (p === 'then' ? undefined : sink), apply: () => sink });
  return sink as T;
}

/** A part of the Node runtime the edge does not have: any use throws, saying which. */
function absent<T>(what: string): T {
  const fail = (): never => {
    throw new AppError('internal', `The edge Worker has no ${what}; this belongs on Node`);
  };
  return new Proxy(fail, {
    get: (_target, property) => (property === 'then' || typeof property === 'symbol' ? undefined : fail()),
    apply: fail,
  }) as T;
}
