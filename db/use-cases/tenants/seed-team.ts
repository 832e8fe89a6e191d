import type { Listing } from '../../../core/listings/listing.ts';
import { scoreDeal } from '../../../core/listings/score-deal.ts';
import type { SavedSearchCriteria } from '../../../core/search/saved-search.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db } from '../../client.ts';
import { createLead, type NewLead } from '../../queries/leads.ts';
import { listingValues, writeListings } from '../../queries/listings/write-listings.ts';
import { replaceRoutingRules } from '../../queries/routing.ts';
import {
  createAgent,
  createTenant,
  type CreateTenantInput,
  type NewAgent,
  type Tenant,
} from '../../queries/tenants.ts';
import { saveSearch } from '../searches/save-search.ts';

export interface TeamSeed {
  tenant: CreateTenantInput;
  /** `key` names the agent for `routingRules` (the demo uses the email's local part). */
  agents: Array<Omit<NewAgent, 'tenantId'> & { key: string }>;
  routingRules: (agentIds: Record<string, string>) => unknown;
  /** The market the team starts with, stored as it is: no change records, no alerts. */
  listings: Listing[];
  leads: Array<Omit<NewLead, 'tenantId'> & { search: { name: string; criteria: SavedSearchCriteria } }>;
  /** Where the listings came from (`listings.source`). */
  source: string;
}

/**
 * A whole team in one transaction (tenant, agents, routing rules, listings, leads with their saved
 * searches), for `porchlight demo`. Each lead is queued for scoring; the searches do not match the
 * seeded market, so the team starts quiet and only what changes afterwards alerts.
 */
export async function seedTeam(deps: { db: Db; queue: JobQueue; clock: Clock }, seed: TeamSeed): Promise<Tenant> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const { tenant } = await createTenant(tx, seed.tenant);
    const ids: Record<string, string> = {};
    for (const { key, ...agent } of seed.agents)
      ids[key] = (await createAgent(tx, { ...agent, tenantId: tenant.id })).id;
    await replaceRoutingRules(tx, tenant.id, seed.routingRules(ids));
    await writeListings(
      tx,
      seed.listings.map((l) => {
        const comparables = seed.listings.filter((m) => m.PostalCode === l.PostalCode && m.ListingKey !== l.ListingKey);
        return listingValues(tenant.id, l, scoreDeal(l, comparables, deps.clock), seed.source, now);
      }),
    );
    for (const { search, ...fields } of seed.leads) {
      const lead = await createLead(tx, { ...fields, tenantId: tenant.id });
      await saveSearch(
        { db: tx, queue: deps.queue, clock: deps.clock },
        { kind: 'create', tenantId: tenant.id, leadId: lead.id, origin: 'ghl', ...search, matchNow: false },
      );
      await deps.queue.enqueue('lead.score', { tenantId: tenant.id, leadId: lead.id, trigger: 'demo' }, { tx });
    }
    return tenant;
  });
}
