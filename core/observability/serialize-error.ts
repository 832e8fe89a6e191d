import { maskText } from './mask.ts';

// What a database driver adds to its errors that names no person: SQLSTATE and schema objects.
// `detail` ("Key (email)=(ana@…) already exists") and `where` can quote the row, so they stay out.
const SAFE_DB_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'routine'] as const;
const MAX_CAUSES = 5;

/**
 * drizzle's DrizzleQueryError puts every bound parameter (a lead's phone, email and name) into its
 * message, its stack and a `params` field; pino's default `err` serializer would print all three.
 */
function isQueryError(error: Error): error is Error & { query: string; params: unknown[] } {
  const e = error as Error & { query?: unknown; params?: unknown };
  return typeof e.query === 'string' && Array.isArray(e.params);
}

// Only the frames: a stack's first line repeats the message.
const framesOf = (stack: string | undefined) =>
  (stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');

/**
 * The `err` serializer of every logger: type, masked message, SQLSTATE and the frames of the stack,
 * never a query's parameters or a driver's row detail. For a failed query the message is the
 * driver's (`duplicate key value violates unique constraint "…"`), not drizzle's, which embeds
 * the parameters.
 * @example pino({ serializers: { err: serializeError } })
 */
export function serializeError(error: unknown, causes = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: maskText(String(error)) };
  const cause = (error as { cause?: unknown }).cause;
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name };
  const source = isQueryError(error) && cause instanceof Error ? cause : error;
  out.message = isQueryError(error) && source === error ? 'query failed' : maskText(source.message);
  for (const field of SAFE_DB_FIELDS) {
    const value = (source as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  out.stack = framesOf(error.stack);
  if (cause !== undefined && source !== cause && causes < MAX_CAUSES) out.cause = serializeError(cause, causes + 1);
  return out;
}
