import { createRng } from '../../core/synthetic/create-rng.ts';
import { generateListings } from '../../core/synthetic/generate-listings.ts';
import type { Listing } from '../../core/listings/listing.ts';

/** The demo team: fixed, readable names so a newcomer can type `assign 12 dev`. */
export const DEMO_TENANT = {
  name: 'Porchlight Demo Realty',
  location: 'porchlight-demo-location',
  timezone: 'America/Chicago',
};

export const DEMO_AGENTS = [
  {
    name: 'Maria Garcia',
    email: 'maria@demo.porchlight.test',
    role: 'manager',
    areas: ['Austin'],
    ghlUserId: 'demo-user-maria',
  },
  {
    name: 'Dev Patel',
    email: 'dev@demo.porchlight.test',
    role: 'agent',
    areas: ['78704', '78745'],
    ghlUserId: 'demo-user-dev',
  },
  {
    name: 'Sam Okafor',
    email: 'sam@demo.porchlight.test',
    role: 'agent',
    areas: ['Round Rock', 'Pflugerville'],
    ghlUserId: 'demo-user-sam',
  },
  {
    name: 'Priya Shah',
    email: 'priya@demo.porchlight.test',
    role: 'agent',
    areas: ['Cedar Park', 'Georgetown'],
    ghlUserId: 'demo-user-priya',
  },
] as const;

/** Round Rock and the south-Austin ZIPs go to their agents; everything else is first to claim. */
export function demoRoutingRules(agentIds: Record<string, string>) {
  return [
    {
      id: 'demo-south-austin',
      name: 'South Austin to Dev',
      position: 0,
      condition: { field: 'area', in: ['78704', '78745'] },
      strategy: 'territory',
      pool: { agentIds: [agentIds.dev] },
    },
    {
      id: 'demo-north',
      name: 'Round Rock to Sam',
      position: 1,
      condition: { field: 'city', in: ['Round Rock', 'Pflugerville'] },
      strategy: 'territory',
      pool: { agentIds: [agentIds.sam] },
    },
    {
      id: 'demo-everyone',
      name: 'Everything else: first to claim',
      position: 2,
      condition: null,
      strategy: 'first_to_claim',
      pool: {},
    },
  ];
}

/** Leads already in the CRM before the day starts, each with what they are looking for. */
export const DEMO_LEADS = [
  {
    contactId: 'demo-ana',
    name: 'Ana Lopez',
    phone: '+15125550142',
    email: 'ana.lopez@example.com',
    search: '3 bed under 550k in Austin',
  },
  {
    contactId: 'demo-marcus',
    name: 'Marcus Johnson',
    phone: '+15125550117',
    email: 'marcus.j@example.com',
    search: '2 bed condo under 400k in Austin',
  },
  {
    contactId: 'demo-mei',
    name: 'Mei Chen',
    phone: '+17375550163',
    email: 'mei.chen@example.com',
    search: '4 bed in Round Rock under 600k with a garage',
  },
  {
    contactId: 'demo-diego',
    name: 'Diego Reyes',
    phone: '+15125550188',
    email: 'diego.reyes@example.com',
    search: '3 bed 2 bath in Cedar Park under 650k',
  },
] as const;

/** Active listings for the demo market, from the seeded generator, so every run looks the same. */
export function demoListings(now: Date): Listing[] {
  return generateListings(createRng('porchlight-demo'), 80, { metros: ['austin'], now, keyPrefix: 'DEMO' });
}
