import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db as IDatabase } from 'pg-boss';
import type { Database, Db } from '../client.ts';
import * as schema from '../schema/index.ts';

export interface RequestDatabaseOptions {
  /** How long connecting may take before the request is shed with 503; default 2 s. */
  connectTimeoutMs?: number;
  onConnectionError?: (error: Error) => void;
}

export interface RequestDatabase extends Database {
  /** The same connection as pg-boss's adapter, for enqueueing outside a transaction. */
  jobs: IDatabase;
}

/**
 * One connection for one request, for the edge Worker: workerd lets no socket outlive the request that opened
 * it, and Hyperdrive pools the real connections to PostgreSQL near the database, so a pool of our own would
 * only hold sockets the next request may not use. The connection opens on the first query (a health check or a
 * refused signature that is never stored costs none); close it once the answer is sent (`ctx.waitUntil`).
 * @example const database = requestDatabase(env.HYPERDRIVE.connectionString); ctx.waitUntil(database.close())
 */
export function requestDatabase(connectionString: string, options: RequestDatabaseOptions = {}): RequestDatabase {
  // No session settings (statement_timeout): Hyperdrive pools per transaction and owns the session. A slow
  // statement is shed by the ingest deadline (WEBHOOK_DEADLINE_MS) like on Node.
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: options.connectTimeoutMs ?? 2000 });
  // A client with no 'error' listener ends the isolate on a dropped socket; this request's next query fails instead.
  client.on('error', options.onConnectionError ?? (() => {}));
  let connecting: Promise<unknown> | undefined;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  // drizzle and pg-boss's adapter both use the promise forms of `query`; each waits for the one connect.
  client.query = (async (...args: unknown[]) => {
    connecting ??= client.connect();
    await connecting;
    return query(...args);
  }) as typeof client.query;
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: 'postgres',
    connectionString,
    jobs: { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) },
    announce: () => {},
    close: () => (closed ??= connecting ? connecting.then(() => client.end()).catch(() => {}) : Promise.resolve()),
  };
}
