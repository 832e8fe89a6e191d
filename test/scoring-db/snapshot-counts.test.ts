import { describe, expect, it } from 'vitest';
import { loadLeadSnapshot } from '../../db/queries/leads/lead-snapshot.ts';
import { createSavedSearch } from '../../db/queries/saved-searches.ts';
import { makeLead, makeListings, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

describe('what scoring counts for a lead', () => {
  it("counts the lead's own saved searches and only her team's listings within her budget", async () => {
    const rt = await createTestRuntime();
    const { tenant } = await makeTenant(rt);
    const { tenant: other } = await makeTenant(rt);
    const ours = await makeListings(rt, tenant.id, 6, { City: 'Austin', ListPrice: 400_000, StandardStatus: 'Active' });
    await makeListings(rt, other.id, 9, { City: 'Austin', ListPrice: 400_000, StandardStatus: 'Active' });
    const ana = await makeLead(rt, tenant.id, { budgetMax: 450_000, areas: ['Austin'] });
    const ben = await makeLead(rt, tenant.id);
    await createSavedSearch(rt.db, {
      tenantId: tenant.id,
      leadId: ana.id,
      criteria: { cities: ['Austin'], maxPrice: 450_000 } as never,
      origin: 'chat',
      now: rt.clock.now(),
    });

    const snap = (await loadLeadSnapshot(rt.db, tenant.id, ana.id, rt.clock))!.snapshot;
    expect(snap.savedSearchCount).toBe(1);
    expect(snap.matchingListingCount).toBe(ours.length);
    expect((await loadLeadSnapshot(rt.db, tenant.id, ben.id, rt.clock))!.snapshot.savedSearchCount).toBe(0);
  });
});
