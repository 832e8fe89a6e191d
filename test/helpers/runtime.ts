import { onTestFinished } from 'vitest';
import { loadEnv } from '../../core/config/load-env.ts';
import type { Env } from '../../core/config/env-schema.ts';
import { createLogger } from '../../core/observability/logger.ts';
import { fixedClock, systemClock, type Clock } from '../../core/time/clock.ts';
import { createRuntime } from '../../jobs/create-runtime.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { Channel } from '../../bots/channel.ts';
import { createTestDatabase } from './database.ts';

export interface TestRuntimeOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Start pg-boss cron/maintenance (off by default so tests control every job). */
  schedule?: boolean;
  /** Fakes that stand in for the built-in channels of the same name. */
  channels?: readonly Channel[];
}

/** Minimal env for tests: no provider credentials unless a test adds them. */
export const TEST_ENV = {
  PUBLIC_BASE_URL: 'https://porchlight.test',
  APP_SECRET: 'test-secret-test-secret-0123456789',
  LOG_LEVEL: 'silent',
};

/** A runtime on a fresh test database; closed when the test finishes. */
export async function createTestRuntime(options: TestRuntimeOptions = {}): Promise<Runtime> {
  const database = await createTestDatabase();
  const env: Env = loadEnv({ ...TEST_ENV, ...options.env });
  const runtime = await createRuntime({
    env,
    database,
    migrate: false,
    schedule: options.schedule ?? false,
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: options.clock ?? systemClock,
    channels: options.channels,
  });
  onTestFinished(() => runtime.close());
  return runtime;
}

export { fixedClock };
