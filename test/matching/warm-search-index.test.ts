import { sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SavedSearchCriteria } from '../../core/search/saved-search.ts';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateSavedSearches } from '../../core/synthetic/generate-saved-searches.ts';
import { setLeadSearchFrequency } from '../../db/queries/messaging/email-engagement.ts';
import { deactivateSavedSearch } from '../../db/queries/saved-searches.ts';
import { saveSearch } from '../../db/use-cases/searches/save-search.ts';
import { createSavedSearchIndex } from '../../jobs/shared/saved-search-index.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  addSearch,
  AUSTIN,
  naivePath,
  secondProcess,
  seedListings,
  seedTenant,
  untilCurrent,
  workerPath,
  type Change,
} from './warm-index-fixture.ts';

/** Every change through the warm index, the SQL prefilter and the naive scan: all three must agree. */
async function expectAllPathsAgree(
  rt: Awaited<ReturnType<typeof createTestRuntime>>,
  tenantId: string,
  changes: Change[],
) {
  await untilCurrent(rt, rt.searchIndex, tenantId, changes[0]);
  const warm = [];
  const database = [];
  for (const change of changes) {
    warm.push(await workerPath(rt, tenantId, change, rt.searchIndex));
    database.push(await workerPath(rt, tenantId, change));
  }
  // Only a change read while a NOTIFY is in flight may go to the database; here nothing is being written.
  expect(warm.map((w) => w.source)).toEqual(changes.map(() => 'index'));
  expect(database.map((d) => d.source)).toEqual(changes.map(() => 'database'));
  const naive = await naivePath(rt, tenantId, changes);
  expect(warm.map((w) => w.shape)).toEqual(naive);
  expect(database.map((d) => d.shape)).toEqual(naive);
  return naive.flat();
}

describe('the worker’s in-process saved-search index', () => {
  it('matches exactly like the SQL prefilter and the naive scan while searches are added, edited and paused', async () => {
    const rt = await createTestRuntime();
    const rng = createRng(20260304);
    const { tenantId, leadIds } = await seedTenant(rt, rng, { leads: 30, searches: 160 });
    const changes = await seedListings(rt, rng, tenantId, 30);

    // Cold: the first lookup starts the load and is answered by SQL, with the same matches.
    const cold = await workerPath(rt, tenantId, changes[0], rt.searchIndex);
    expect(cold.source).toBe('database');
    expect(cold.shape).toEqual((await naivePath(rt, tenantId, [changes[0]]))[0]);
    const initial = await expectAllPathsAgree(rt, tenantId, changes);
    expect(initial.length).toBeGreaterThan(20);
    // Seeding 160 searches through saveSearch dominates; a slow shared machine needs more than the default.

    // Round 1: new searches, edits that move budgets and places, pauses of searches that matched.
    const matched = [...new Set(initial.map((m) => m.split('/')[0]))];
    for (const [i, s] of generateSavedSearches(rng, 20, AUSTIN).entries())
      await addSearch(rt, tenantId, leadIds[i % leadIds.length], s.criteria);
    for (const [i, id] of matched.slice(0, 6).entries()) {
      const criteria = generateSavedSearches(rng, 1, AUSTIN)[0].criteria;
      await saveSearch(rt, { kind: 'update', tenantId, id, criteria: i % 2 ? criteria : { ...criteria, maxPrice: 1 } });
    }
    for (const id of matched.slice(6, 12)) await deactivateSavedSearch(rt.db, tenantId, id, rt.clock.now());
    const round1 = await expectAllPathsAgree(rt, tenantId, changes);
    expect(round1).not.toEqual(initial);

    // Round 2: writes from other doors (the email step-down changes every search of a lead at once), a
    // paused search brought back, and one bulk write too big to list its ids in the NOTIFY.
    await setLeadSearchFrequency(rt.db, tenantId, leadIds[0], 'weekly');
    await setLeadSearchFrequency(rt.db, tenantId, leadIds[1], 'daily');
    const revived = SavedSearchCriteria.parse({ cities: ['Austin'] });
    await saveSearch(rt, { kind: 'update', tenantId, id: matched[7], criteria: revived, matchNow: false });
    await rt.db.execute(sql`update saved_searches set max_price = max_price * 1.2
      where tenant_id = ${tenantId} and max_price is not null`);
    const round2 = await expectAllPathsAgree(rt, tenantId, changes);
    expect(round2).not.toEqual(round1);
    expect(round2.some((m) => m.endsWith('/weekly'))).toBe(true);
  }, 90_000);

  it('sees a search saved, edited and paused by another process on the same database', async () => {
    const rt = await createTestRuntime();
    const rng = createRng(7);
    const { tenantId, leadIds } = await seedTenant(rt, rng, { leads: 5, searches: 20 });
    const [change] = await seedListings(rt, rng, tenantId, 1);
    const other = await secondProcess(rt);
    await untilCurrent(rt, rt.searchIndex, tenantId, change);
    await untilCurrent(other, other.searchIndex, tenantId, change);
    const exact = SavedSearchCriteria.parse({
      postalCodes: [change.listing.PostalCode],
      maxPrice: change.listing.ListPrice,
    });

    const saved = await addSearch(other, tenantId, leadIds[0], exact);
    await untilCurrent(rt, rt.searchIndex, tenantId, change);
    const seen = await workerPath(rt, tenantId, change, rt.searchIndex);
    expect(seen.source).toBe('index');
    expect(seen.shape.some((m) => m.startsWith(`${saved.id}/`))).toBe(true);

    await saveSearch(other, { kind: 'update', tenantId, id: saved.id, criteria: { ...exact, maxPrice: 1000 } });
    await untilCurrent(rt, rt.searchIndex, tenantId, change);
    const edited = await workerPath(rt, tenantId, change, rt.searchIndex);
    expect(edited.shape.some((m) => m.startsWith(`${saved.id}/`))).toBe(false);

    // And the other way round: a pause here reaches the other process's index.
    await saveSearch(rt, { kind: 'update', tenantId, id: saved.id, criteria: exact });
    await untilCurrent(other, other.searchIndex, tenantId, change);
    expect((await workerPath(other, tenantId, change, other.searchIndex)).shape.join()).toContain(saved.id);
    await deactivateSavedSearch(rt.db, tenantId, saved.id, rt.clock.now());
    await untilCurrent(other, other.searchIndex, tenantId, change);
    const paused = await workerPath(other, tenantId, change, other.searchIndex);
    expect(paused.source).toBe('index');
    expect(paused.shape.join()).not.toContain(saved.id);
  });

  it('answers from the database, then reloads, when a change arrived without its NOTIFY', async () => {
    const rt = await createTestRuntime();
    const rng = createRng(11);
    const { tenantId, leadIds } = await seedTenant(rt, rng, { leads: 3, searches: 10 });
    const [change] = await seedListings(rt, rng, tenantId, 1);
    const index = createSavedSearchIndex(rt.database, { staleAfterMs: 0 });
    onTestFinished(() => index.close());
    const exact = SavedSearchCriteria.parse({ postalCodes: [change.listing.PostalCode] });
    const search = await addSearch(rt, tenantId, leadIds[0], exact);
    await untilCurrent(rt, index, tenantId, change);
    expect((await workerPath(rt, tenantId, change, index)).shape.join()).toContain(search.id);

    // A write the listener never hears of (as if the NOTIFY were lost): triggers off, version bumped by hand.
    await rt.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
      await tx.execute(sql`update saved_searches set active = false where id = ${search.id}`);
      await tx.execute(sql`update saved_search_versions set version = version + 1 where tenant_id = ${tenantId}`);
    });
    const behind = await workerPath(rt, tenantId, change, index);
    expect(behind.source).toBe('database');
    expect(behind.shape.join()).not.toContain(search.id);
    const reloaded = await waitFor(async () => {
      const found = await workerPath(rt, tenantId, change, index);
      return found.source === 'index' ? found : undefined;
    });
    expect(reloaded.shape).toEqual(behind.shape);
  });

  it.skipIf(!process.env.DATABASE_URL)('catches up after its listening connection was cut', async () => {
    const rt = await createTestRuntime();
    const rng = createRng(13);
    const { tenantId, leadIds } = await seedTenant(rt, rng, { leads: 3, searches: 10 });
    const [change] = await seedListings(rt, rng, tenantId, 1);
    await untilCurrent(rt, rt.searchIndex, tenantId, change);
    const listeners = sql`select pid from pg_stat_activity
      where datname = current_database() and query = 'LISTEN porchlight_saved_search'`;
    await rt.db.execute(sql`select pg_terminate_backend(pid) from (${listeners}) l`);
    await waitFor(
      async () => ((await rt.db.execute(listeners)) as unknown as { rows: unknown[] }).rows.length === 0 || undefined,
    );
    const exact = SavedSearchCriteria.parse({ postalCodes: [change.listing.PostalCode] });
    const search = await addSearch(rt, tenantId, leadIds[0], exact);
    await untilCurrent(rt, rt.searchIndex, tenantId, change);
    const found = await workerPath(rt, tenantId, change, rt.searchIndex);
    expect(found.source).toBe('index');
    expect(found.shape.join()).toContain(search.id);
  });
});
