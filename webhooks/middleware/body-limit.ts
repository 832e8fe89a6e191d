import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors/app-error.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** 1 MiB on every inbound body; larger ones get 413 before any parsing or signature work. */
export function bodyLimit(maxSize = MAX_BODY_BYTES) {
  return honoBodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `Request body exceeds ${maxSize} bytes`);
    },
  });
}
