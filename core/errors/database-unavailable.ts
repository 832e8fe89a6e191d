/**
 * SQLSTATEs that say the database cannot serve us right now, not that our statement is wrong:
 * class 08 (connection exception), 57P01-57P03 (shut down, crashed, not yet accepting), 53300 (too many
 * connections), 57014 (statement_timeout), 55P03 (lock_timeout), 25P03 (idle_in_transaction timeout).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300|57014|55P03|25P03)$/;

/** Socket-level failures reaching the server. */
const UNAVAILABLE_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** node-postgres and pg-pool report these without a code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended unexpectedly/i;

/**
 * True when `error` (or anything in its cause chain: drizzle wraps driver errors) means the database
 * is down, restarting or saturated. Callers answer 503 with Retry-After instead of 500: the request
 * was fine and is worth sending again.
 * @example if (isDatabaseUnavailable(error)) throw new AppError('unavailable', 'database unavailable')
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    pending.push(cause);
    // AggregateError: a host name that resolves to several addresses, each refused.
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return false;
}
