import type { Env } from '../core/config/env-schema.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import { createLogger, type Logger } from '../core/observability/logger.ts';
import { createMetrics } from '../core/observability/metrics.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createGroupCommitWriter } from '../db/use-cases/inbound/inbound-writer.ts';
import { createLaneGate } from './lane-gate.ts';
import { createLocationDirectory } from '../db/use-cases/inbound/location-directory.ts';
import type { Channel } from '../bots/channel.ts';
import { loadChannelRegistry } from '../bots/registry.ts';
import { createAdminToken } from '../bots/terminal/admin-token.ts';
import { createTerminalState } from '../bots/terminal/terminal-output.ts';
import { startBoss } from './boss.ts';
import { createProviders, loadChatProviderModules } from './providers.ts';
import { JobQueue } from './queue.ts';
import type { Runtime } from './runtime.ts';
import { createSavedSearchIndex } from './shared/saved-search-index.ts';

export interface CreateRuntimeOptions {
  env: Env;
  logger?: Logger;
  clock?: Clock;
  /** Use this database instead of opening one from env (tests). */
  database?: Database;
  /** Apply migrations first (default true). */
  migrate?: boolean;
  /** Run pg-boss cron/maintenance in this process (default true). */
  schedule?: boolean;
  /** PostgreSQL connections for the app's own queries (default 10); pg-boss keeps a pool of its own. */
  poolSize?: number;
  fetch?: typeof fetch;
  /** Stand-ins for built-in channels of the same name (a fake Slack in tests). */
  channels?: readonly Channel[];
}

/** Opens the database, applies migrations, starts pg-boss: everything a process part needs. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<Runtime & { close(): Promise<void> }> {
  const { env } = options;
  const logger = options.logger ?? createLogger({ level: env.LOG_LEVEL });
  const database =
    options.database ??
    (await openDatabase({
      url: env.DATABASE_URL,
      pgliteDir: env.PGLITE_DIR,
      poolSize: options.poolSize,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool replaces it'),
    }));
  if (options.migrate ?? true) await migrate(database);
  const boss = await startBoss(database, {
    schedule: options.schedule ?? true,
    supervise: options.schedule ?? true,
    monitorSeconds: env.JOB_MONITOR_SECONDS,
    retryDelaySeconds: env.JOB_RETRY_DELAY_SECONDS,
    // pg-boss reconnects by itself (its LISTEN client, its pool); an outage is logged, never thrown.
    onError: (error) => logger.error({ err: error }, 'queue error'),
  });
  const queue = new JobQueue(boss);
  // Only the chat SDKs env configures are loaded: a CLI command or an unconfigured Slack never pays for them.
  const [chat, channels] = await Promise.all([
    loadChatProviderModules(env),
    loadChannelRegistry(env, options.channels),
  ]);
  const locations = createLocationDirectory(database, {
    onListenError: (error) => logger.warn({ err: error }, 'location change listener lost; reconnecting'),
  });
  const runtime: Runtime & { close(): Promise<void> } = {
    env,
    database,
    db: database.db,
    queue,
    logger,
    clock: options.clock ?? systemClock,
    metrics: createMetrics(),
    fetch: options.fetch ?? globalThis.fetch,
    providers: createProviders(() => runtime, chat),
    channels,
    terminal: createTerminalState(),
    adminToken: createAdminToken(),
    searchIndex: createSavedSearchIndex(database, { log: logger }),
    inboundWriter: createGroupCommitWriter({ db: database.db, queue }),
    locations,
    laneGate: createLaneGate(),
    async close() {
      await runtime.searchIndex.close();
      await locations.close();
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
      if (!options.database) await database.close();
    },
  };
  return runtime;
}
