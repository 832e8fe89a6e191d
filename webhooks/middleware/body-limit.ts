import { createMiddleware } from 'hono/factory';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors/app-error.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * 1 MiB on every inbound body; larger ones get 413 before any parsing or signature work. A body with its length
 * declared is judged by the header alone, without touching `c.req.raw.body`: on Node that property makes
 * @hono/node-server build a full web Request and stream around the socket, which cost more CPU per webhook than
 * storing it, where reading the body later takes its direct path. Chunked bodies are counted as they stream in.
 */
export function bodyLimit(maxSize = MAX_BODY_BYTES) {
  const tooLarge = () => {
    throw new AppError('payload_too_large', `Request body exceeds ${maxSize} bytes`);
  };
  const streamed = honoBodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(declared, 10) > maxSize ? tooLarge() : next();
    return streamed(c, next);
  });
}
