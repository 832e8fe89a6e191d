import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { withDatabase } from '../setup/global-setup.ts';

let templateBlob: Blob | undefined;

/** Which backend this run targets: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const backend: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test (with pg-boss's schema and queues in place).
 * PostgreSQL databases are dropped when the test passes and kept when it fails, for inspection.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `porchlight_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: options.poolSize ?? 10 });
    onTestFinished(async (ctx) => {
      await database.close().catch(() => {});
      if (ctx.task.result?.state !== 'fail') await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
    return database;
  }
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  const database = await openDatabase({ pgliteDir: 'memory://', loadDataDir: templateBlob });
  onTestFinished(async () => {
    await database.close().catch(() => {});
  });
  return database;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
