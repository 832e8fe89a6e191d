import { serve, type ServerType } from '@hono/node-server';
import type { Env } from '../core/config/env-schema.ts';
import type { Logger } from '../core/observability/logger.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import { startWorkers } from '../jobs/worker.ts';
import { jobPoolSize } from '../jobs/worker-concurrency.ts';
import type { HandlerOverrides } from '../jobs/handler.ts';
import type { Runtime } from '../jobs/runtime.ts';
import type { Channel } from '../bots/channel.ts';
import { createApp } from '../webhooks/app.ts';
import { metricsRoutes } from '../webhooks/routes/health.ts';
import { describeStartup, startupReport } from '../core/config/startup-report.ts';

export interface ServiceOptions {
  env: Env;
  logger: Logger;
  http: boolean;
  workers: boolean;
  /** Replace queue handlers (tests exercise shutdown with a deliberately slow job). */
  handlers?: HandlerOverrides;
  /** Stand-ins for built-in channels (a crash test's loopback Slack). */
  channels?: readonly Channel[];
  /** Extra parts to run once the runtime is up (the terminal channel); returns its stopper. */
  attach?: Array<(runtime: Runtime) => Promise<(() => Promise<void>) | void>>;
  shutdownTimeoutMs?: number;
  /** Job slots per busy queue (`work --concurrency`); sizes the database pool to match. */
  concurrency?: number;
}

export interface RunningService {
  runtime: Runtime;
  port?: number;
  /** The private /metrics listener's port when METRICS_PORT is set. */
  metricsPort?: number;
  stop(): Promise<void>;
}

/**
 * `start` = HTTP + workers, `serve` = HTTP, `work` = workers. Stop order matters: stop taking
 * requests and jobs, let in-flight jobs finish up to a deadline, then close the queue and DB.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { env, logger } = options;
  const runtime = await createRuntime({
    env,
    logger,
    schedule: options.workers,
    channels: options.channels,
    ...(options.concurrency !== undefined ? { poolSize: jobPoolSize(options.concurrency) } : {}),
  });
  const stoppers: Array<() => Promise<void>> = [];
  let server: ServerType | undefined;
  let port: number | undefined;
  if (options.http) {
    const app = createApp(runtime);
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
        port = info.port;
        resolve();
      });
    });
    logger.info({ port, database: runtime.database.kind }, `Porchlight listening on http://localhost:${port}`);
    const report = startupReport(env);
    logger.info(report, describeStartup(report));
  }
  let metricsServer: ServerType | undefined;
  let metricsPort: number | undefined;
  if (env.METRICS_PORT !== undefined) {
    const metricsApp = metricsRoutes(runtime);
    await new Promise<void>((resolve) => {
      metricsServer = serve({ fetch: metricsApp.fetch, port: env.METRICS_PORT, hostname: env.METRICS_HOST }, (info) => {
        metricsPort = info.port;
        resolve();
      });
    });
    logger.info({ metricsPort }, `metrics on http://${env.METRICS_HOST}:${metricsPort}/metrics`);
  }
  if (options.workers) {
    const workers = await startWorkers(runtime, { handlers: options.handlers, concurrency: options.concurrency });
    stoppers.push(() => workers.stop(options.shutdownTimeoutMs ?? 30_000));
    logger.info({ concurrency: options.concurrency }, 'workers started');
  }
  for (const part of options.attach ?? []) {
    const stop = await part(runtime);
    if (stop) stoppers.push(stop);
  }
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    port,
    metricsPort,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down: no new requests or jobs; finishing in-flight work');
        if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
        if (metricsServer) await new Promise<void>((resolve) => metricsServer!.close(() => resolve()));
        for (const stop of stoppers.reverse()) await stop();
        await runtime.close();
        logger.info('stopped cleanly');
      })();
      return stopping;
    },
  };
}

/** SIGINT/SIGTERM → graceful stop → exit 0; a second signal forces exit 1. */
export function stopOnSignals(service: RunningService, logger: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'signal received');
    service.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
