/**
 * Every AI helper answers with a value, never an exception: `source` says whether the model or
 * the deterministic fallback produced it, and `error` says why the fallback was used.
 */
export interface AiResult<T> {
  value: T;
  source: 'ai' | 'fallback';
  error?: AiFailure;
}

/** Short, stable reasons: safe to log and count, and never carry lead text. */
export type AiFailure =
  | 'disabled'
  | 'not_configured'
  | 'timeout'
  | 'invalid_output'
  | 'refused'
  | 'rate_limited'
  | 'provider_error'
  | 'connection_error'
  | 'unexpected';
