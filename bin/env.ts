import { existsSync } from 'node:fs';
import { pino } from 'pino';
import pretty from 'pino-pretty';
import { loadEnv } from '../core/config/load-env.ts';
import type { Env } from '../core/config/env-schema.ts';
import { createLogger, type Logger } from '../core/observability/logger.ts';

/**
 * Env + logger for a CLI command; a bad env throws one AppError listing every problem.
 * On a terminal, logs are pretty-printed for people; anywhere else they stay JSON for machines.
 * Logs go to stderr: a command's stdout is its report (one JSON document with `--json`). The services
 * (`start`, `serve`, `work`) report nothing and log to stdout, where log collectors expect them.
 */
export function cliContext(options: { logsTo?: 'stdout' | 'stderr' } = {}): { env: Env; logger: Logger } {
  const env = loadEnv(process.env);
  const fd = options.logsTo === 'stdout' ? 1 : 2;
  const human = (fd === 1 ? process.stdout : process.stderr).isTTY && process.env.LOG_FORMAT !== 'json';
  const destination = human
    ? pretty({ colorize: true, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss', destination: fd })
    : fd === 2
      ? pino.destination({ dest: 2, sync: true })
      : undefined;
  return { env, logger: createLogger({ level: env.LOG_LEVEL, destination }) };
}

/**
 * Loads `.env` from the working directory when present (Node's own parser). Variables already set in the
 * environment win, so `PORT=4000 porchlight start` overrides the file. `PORCHLIGHT_ENV_FILE` names another file.
 */
export function loadDotEnv(path = process.env.PORCHLIGHT_ENV_FILE ?? '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
