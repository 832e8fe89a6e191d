import { createMiddleware } from 'hono/factory';
import { AppError } from '../../core/errors/app-error.ts';
import { readInboundJson } from '../../core/inbound/clean-inbound-text.ts';
import type { AppEnv } from '../app-env.ts';

// The media types @hono/zod-openapi accepts for a JSON body (its own gate answers 415 otherwise).
const JSON_MEDIA_TYPE = /^application\/([a-z.-]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * Parses a JSON body once, before the route's schema sees it, so the two failures stay apart:
 * bytes that are not JSON are `400 invalid_json`, JSON that breaks the schema is `422`. The text
 * is read first and both forms are cached on the request, so a route that stores the exact bytes
 * (`POST /events`) gets them back from `c.req.text()` rather than a re-serialisation. Both are read
 * by `readInboundJson`: U+0000 removed (PostgreSQL cannot hold it), nesting past 64 levels a 400.
 */
export function readJsonBody() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header('content-type');
    if (type && !JSON_MEDIA_TYPE.test(type))
      throw new AppError(
        'unsupported_media_type',
        `Send the body as JSON (Content-Type: application/json), not ${type}`,
      );
    const text = await c.req.text();
    if (!type && text.length > 0)
      throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
    const read = readInboundJson(text);
    // Hono caches each body form as a promise, though its type says string.
    (c.req.bodyCache as { text?: unknown }).text = Promise.resolve(read.text);
    c.req.bodyCache.json = Promise.resolve(read.value);
    await next();
  });
}
