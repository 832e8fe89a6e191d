import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, isAppError, type ErrorCode } from '../core/errors/app-error.ts';
import { isDatabaseUnavailable } from '../core/errors/database-unavailable.ts';
import type { AppEnv } from './app-env.ts';

/** Hono's own refusals (body limit, media type gate) carry only a status; name them like ours. */
const HTTP_EXCEPTION_CODE: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Seconds a sender is asked to wait after a 503 that did not say otherwise (a database restart takes a few). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The only place errors become HTTP: `{"error":{"code","message"}}` with the code's status. A database
 * that is down, restarting or saturated is a 503 with Retry-After, not a 500: the request was fine.
 */
export function handleError(thrown: Error, c: Context<AppEnv>): Response {
  const error = isDatabaseUnavailable(thrown)
    ? new AppError('unavailable', 'The database is unavailable; retry shortly')
    : thrown;
  if (isAppError(error)) {
    if (error.status === 503) {
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      c.get('logger')?.warn({ err: thrown }, 'request shed: service unavailable');
    } else if (error.status >= 500) c.get('logger')?.error({ err: error }, 'request failed');
    return c.json(
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      error.status as 400,
    );
  }
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODE[error.status] ?? 'bad_request';
    return c.json({ error: { code, message: error.message || 'Request rejected' } }, error.status);
  }
  c.get('logger')?.error({ err: error }, 'unhandled error');
  return c.json({ error: { code: 'internal', message: 'Internal error; it has been logged' } }, 500);
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404);
}
