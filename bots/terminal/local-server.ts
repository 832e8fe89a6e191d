import type { Env } from '../../core/config/env-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { readPgliteLock } from '../../db/pglite-lock.ts';

export interface LocalServer {
  call<T>(path: string, body: unknown): Promise<T>;
}

/**
 * A running `porchlight start` on the embedded database, if there is one: PGlite is one process's
 * database, so CLI commands go through that process's loopback `/internal/*` routes instead.
 * Undefined with `DATABASE_URL` (every process shares PostgreSQL) or when nothing is running.
 */
export function localServer(env: Env, fetchFn: typeof fetch = fetch): LocalServer | undefined {
  if (env.DATABASE_URL) return undefined;
  const lock = readPgliteLock(env.PGLITE_DIR);
  if (!lock) return undefined;
  if (!lock.port || !lock.adminToken) {
    throw new AppError(
      'unavailable',
      `A Porchlight process (pid ${lock.pid}) holds the embedded database but serves no local admin API (is it \`serve\` or \`work\`?). Stop it, run \`porchlight start\`, or set DATABASE_URL.`,
    );
  }
  return {
    async call<T>(path: string, body: unknown): Promise<T> {
      const res = await fetchFn(`http://127.0.0.1:${lock.port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${lock.adminToken}` },
        body: JSON.stringify(body),
      }).catch((error: Error) => {
        throw new AppError(
          'unavailable',
          `Could not reach the running Porchlight on port ${lock.port}: ${error.message}`,
        );
      });
      const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      if (!res.ok)
        throw new AppError(
          'unavailable',
          `The running Porchlight answered ${res.status}: ${json.error?.message ?? 'no details'}`,
        );
      return json as T;
    },
  };
}
