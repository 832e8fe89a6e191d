import { loadEnv } from '../core/config/load-env.ts';
import type { Env } from '../core/config/env-schema.ts';
import { createLogger, type Logger } from '../core/observability/logger.ts';

/** Env + logger for a CLI command; a bad env throws one AppError listing every problem. */
export function cliContext(): { env: Env; logger: Logger } {
  const env = loadEnv(process.env);
  return { env, logger: createLogger({ level: env.LOG_LEVEL }) };
}
