import { createRequire } from 'node:module';
import { pino } from 'pino';
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
    ? prettyPrinter()({
        colorize: true,
        sync: true,
        ignore: 'pid,hostname',
        translateTime: 'HH:MM:ss',
        destination: fd,
      })
    : fd === 2
      ? pino.destination({ dest: 2, sync: true })
      : undefined;
  return { env, logger: createLogger({ level: env.LOG_LEVEL, destination }) };
}

const require = createRequire(import.meta.url);

/** pino-pretty is for people at a terminal; scripts and services (JSON logs) never load it. */
const prettyPrinter = () => require('pino-pretty') as typeof import('pino-pretty');
