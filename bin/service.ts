import { serve, type ServerType } from '@hono/node-server';
import type { Env } from '../core/config/env-schema.ts';
import type { Logger } from '../core/observability/logger.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import { startWorkers } from '../jobs/worker.ts';
import type { JobHandler } from '../jobs/handler.ts';
import type { QueueName } from '../jobs/registry.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { createApp } from '../webhooks/app.ts';

export interface ServiceOptions {
  env: Env;
  logger: Logger;
  http: boolean;
  workers: boolean;
  /** Replace queue handlers (tests exercise shutdown with a deliberately slow job). */
  handlers?: Partial<Record<QueueName, JobHandler<never>>>;
  /** Extra parts to run once the runtime is up (the terminal channel); returns its stopper. */
  attach?: Array<(runtime: Runtime) => Promise<(() => Promise<void>) | void>>;
  shutdownTimeoutMs?: number;
}

export interface RunningService {
  runtime: Runtime;
  port?: number;
  stop(): Promise<void>;
}

/**
 * `start` = HTTP + workers, `serve` = HTTP, `work` = workers. Stop order matters: stop taking
 * requests and jobs, let in-flight jobs finish up to a deadline, then close the queue and DB.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { env, logger } = options;
  const runtime = await createRuntime({ env, logger, schedule: options.workers });
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
  }
  if (options.workers) {
    const workers = await startWorkers(runtime, { handlers: options.handlers });
    stoppers.push(() => workers.stop(options.shutdownTimeoutMs ?? 30_000));
    logger.info('workers started');
  }
  for (const part of options.attach ?? []) {
    const stop = await part(runtime);
    if (stop) stoppers.push(stop);
  }
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    port,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down: no new requests or jobs; finishing in-flight work');
        if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
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
