import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';
import { acquirePgliteLock, type LockInfo } from './pglite-lock.ts';
import { nameRepeatedStatements } from './named-statements.ts';

export type Schema = typeof schema;
/** One drizzle API over both backends; queries never need to know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Set on PGlite: pg-boss runs on the same in-process instance through `fromPglite`. */
  pglite?: PGlite;
  /** Set on PostgreSQL. */
  pool?: pg.Pool;
  connectionString?: string;
  /** Record facts in the PGlite lock file (the HTTP port) so other CLI processes can find us. */
  announce(info: Partial<LockInfo>): void;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data dir; `memory://` for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
  /** PostgreSQL: how long a query waits for a connection (new or from the pool) before failing; default 2 s. */
  connectTimeoutMs?: number;
  /** PostgreSQL `statement_timeout` on every connection; 0 turns it off. Default 60 s. */
  statementTimeoutMs?: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: a transaction left open frees its locks. Default 60 s. */
  idleInTransactionTimeoutMs?: number;
  /** Connection errors the pool survives (a server restart); logged, never thrown. */
  onConnectionError?: (error: Error) => void;
  /** Start PGlite from a dump (tests clone a migrated template this way). */
  loadDataDir?: Blob | File;
}

/**
 * PGlite's memory is a WebAssembly heap, which grows and never shrinks, inside our process. PostgreSQL's
 * defaults are sized for a server of its own: 128 MB of shared buffers are zeroed at every open (half a
 * second of CPU, 110 MB of resident memory before the first query). The embedded database is one team's
 * data, which the operating system's file cache keeps anyway, so the buffers are small; index builds in
 * migrations get the same cap, so one large index cannot grow the heap for the rest of the process's life.
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB'];

/**
 * @example
 * const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR })
 * await database.db.select().from(tenants)
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // A frozen or saturated server must fail a request fast (503) rather than queue it forever.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
      statement_timeout: options.statementTimeoutMs ?? 60_000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
      keepAlive: true,
    });
    const onConnectionError = options.onConnectionError ?? (() => {});
    // A server restart (57P01) errors every connection. pg-pool listens on idle ones only, and a client
    // with no 'error' listener ends the process, so each connection gets one for its whole life: one
    // checked out mid-transaction then just fails its next query and is discarded on release.
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => {
      client.on('error', onConnectionError);
      nameRepeatedStatements(client);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      connectionString: options.url,
      announce: () => {},
      close: () => pool.end(),
    };
  }
  const dir = options.pgliteDir ?? './data/pglite';
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const lock = inMemory ? null : acquirePgliteLock(dir);
  try {
    // Imported here: a process on PostgreSQL never loads the embedded database.
    const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    const pglite = await PGlite.create(dir, {
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      pglite,
      announce: (info) => lock?.update(info),
      close: async () => {
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
