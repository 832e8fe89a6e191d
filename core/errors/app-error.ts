/**
 * The one error type the app throws on purpose. `code` is stable and maps to an HTTP status in
 * one place (webhooks/error-handler.ts); the CLI prints `message` as one line.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  /** CLI: wrong arguments or options (exit 2); over HTTP it is a plain 400. */
  bad_usage: 400,
  invalid_json: 400,
  validation_failed: 422,
  invalid_signature: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_claimed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  invalid_config: 500,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
