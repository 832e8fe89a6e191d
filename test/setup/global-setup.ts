import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { startBoss } from '../../jobs/boss.ts';

/**
 * Migrate once, clone per test: a PGlite data-dir dump (and, with DATABASE_URL, a PostgreSQL
 * template database) with our tables and pg-boss's queues already in place.
 */
export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-test-'));
  const pglite = await openDatabase({ pgliteDir: 'memory://' });
  await migrate(pglite);
  const boss = await startBoss(pglite, { schedule: false, supervise: false });
  await boss.stop({ graceful: false, close: false }); // PGlite: the instance is ours to close
  const dump = await pglite.pglite!.dumpDataDir('none');
  const dumpPath = join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', dumpPath);

  let template: string | undefined;
  const url = process.env.DATABASE_URL;
  if (url) {
    template = `porchlight_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, template), poolSize: 2 });
    await migrate(database);
    const b = await startBoss(database, { schedule: false, supervise: false });
    await b.stop({ graceful: false, close: true });
    await database.close();
    project.provide('pgTemplate', template);
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate?: string;
  }
}
