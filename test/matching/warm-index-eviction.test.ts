import { describe, expect, it, onTestFinished } from 'vitest';
import { createRng } from '../../core/synthetic/create-rng.ts';
import { savedSearchVersion } from '../../db/queries/saved-searches-changes.ts';
import { createSavedSearchIndex } from '../../jobs/shared/saved-search-index.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { naivePath, seedListings, seedTenant, untilCurrent, workerPath } from './warm-index-fixture.ts';

/** Two teams with their own searches and one listing change each, and an index on a clock the test moves. */
async function twoTeams(options: { idleAfterMs?: number; maxSearches?: number }) {
  const rt = await createTestRuntime();
  const rng = createRng(2026_12_03);
  const teams = [];
  for (let i = 0; i < 2; i++) {
    const { tenantId } = await seedTenant(rt, rng, { leads: 3, searches: 12 });
    const [change] = await seedListings(rt, rng, tenantId, 1);
    teams.push({ tenantId, change });
  }
  const clock = { ms: 0 };
  const index = createSavedSearchIndex(rt.database, { ...options, now: () => clock.ms });
  onTestFinished(() => index.close());
  return { rt, index, clock, a: teams[0], b: teams[1] };
}

describe('the saved-search index lets go of tenants it is not matching for', () => {
  it('drops a team no listing change asked about for the idle period and loads it again on its next change', async () => {
    const { rt, index, clock, a, b } = await twoTeams({ idleAfterMs: 1_000 });
    await untilCurrent(rt, index, a.tenantId, a.change);
    clock.ms = 600;
    await untilCurrent(rt, index, b.tenantId, b.change);

    // Team A last asked at 0, team B at 600: at 1,200 only A has been idle for the period.
    clock.ms = 1_200;
    expect((await workerPath(rt, b.tenantId, b.change, index)).source).toBe('index');
    expect(index.versionOf(a.tenantId)).toBeNull();
    expect(index.versionOf(b.tenantId)).toBe(await savedSearchVersion(rt.db, b.tenantId));

    // A's next change is answered by SQL with the same matches, and warms A again.
    const cold = await workerPath(rt, a.tenantId, a.change, index);
    expect(cold.source).toBe('database');
    expect([cold.shape]).toEqual(await naivePath(rt, a.tenantId, [a.change]));
    await untilCurrent(rt, index, a.tenantId, a.change);
    const warm = await workerPath(rt, a.tenantId, a.change, index);
    expect(warm).toEqual({ source: 'index', shape: cold.shape });
  });

  it('past its search cap drops the least recently used team, never the one it just loaded', async () => {
    const { rt, index, clock, a, b } = await twoTeams({ maxSearches: 20 });
    await untilCurrent(rt, index, a.tenantId, a.change);
    clock.ms = 10;
    await untilCurrent(rt, index, b.tenantId, b.change);

    // 12 + 12 searches do not fit in 20: A, asked about longest ago, makes room for B.
    expect(index.versionOf(a.tenantId)).toBeNull();
    expect((await workerPath(rt, b.tenantId, b.change, index)).source).toBe('index');
    const fromDatabase = await workerPath(rt, a.tenantId, a.change, index);
    expect(fromDatabase.source).toBe('database');
    expect([fromDatabase.shape]).toEqual(await naivePath(rt, a.tenantId, [a.change]));
  });
});
