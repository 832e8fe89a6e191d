import { openDatabase } from './db/client.ts';
import { readFileSync } from 'node:fs';
import { createSavedSearchIndex } from './jobs/shared/saved-search-index.ts';
import { findListingChangeMatches } from './db/use-cases/listings/match-listing-change.ts';
const { tenantId, changes } = JSON.parse(readFileSync('/tmp/scratch/seed.json', 'utf8'));
const database = await openDatabase({ pgliteDir: '/tmp/scratch/pgl' });
const db = database.db;
const log = { warn: (o: any, m: any) => console.log('WARN', m, o?.err?.message) } as any;
const t0 = performance.now();
const say = (m: string) => console.log(Math.round(performance.now() - t0), m);
const index = createSavedSearchIndex(database, { log });
for (const c of changes.slice(0, 3)) {
  const fresh = createSavedSearchIndex(database, { log });
  await findListingChangeMatches({ db, searchIndex: fresh }, { tenantId, ...c });
  say('cold lookup done');
  await fresh.close();
  say('fresh closed');
}
await findListingChangeMatches({ db, searchIndex: index }, { tenantId, ...changes[0] });
say('first main lookup');
for (let i = 1; index.versionOf(tenantId) === null && i < 400; i++) {
  await findListingChangeMatches({ db, searchIndex: index }, { tenantId, ...changes[i % 200] });
  if (i % 20 === 0) say(`lookup ${i}`);
}
say(`loaded ${index.versionOf(tenantId)}`);
await index.close(); await database.close();
