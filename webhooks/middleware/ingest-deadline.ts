import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors/app-error.ts';
import type { AppEnv } from '../app-env.ts';

/**
 * Sheds a webhook the database cannot take in time: past `ms` the sender gets 503 + Retry-After (set
 * where errors become HTTP) instead of a request that hangs on a frozen or locked database until its
 * own client gives up. The ingest keeps running and may still commit; the sender's retry is then a
 * duplicate, which every ingest already answers without a second effect.
 * @example app.use('/webhooks/*', ingestDeadline(runtime.env.WEBHOOK_DEADLINE_MS))
 */
export function ingestDeadline(ms: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError('unavailable', `The event could not be stored within ${ms} ms; retry shortly`)),
        ms,
      );
    });
    const handled = next();
    // Past the deadline nobody awaits the ingest; its own failure is logged where it happens.
    handled.catch(() => {});
    try {
      await Promise.race([handled, late]);
    } finally {
      clearTimeout(timer);
    }
  });
}
