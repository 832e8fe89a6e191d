import type { Rng } from './create-rng.ts';
import { METRO_NAMES, METROS, type MetroName } from './metros.ts';

export interface SyntheticLead {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  /** E.164 in the 555-0100..0199 block reserved for fiction: never a real person's phone. */
  phone: string;
  /** At example.com (reserved by RFC 2606): never a real inbox. */
  email: string;
  /** Cities or postal codes the lead wants. */
  areas: string[];
  budget: { min?: number; max: number };
  beds?: number;
  timeline: '0-3 months' | '3-6 months' | '6-12 months' | '12+ months';
  preApproved: boolean;
  source: 'website' | 'zillow' | 'referral' | 'open house' | 'facebook ad' | 'sign call';
}

const FIRST = [
  'Ana',
  'Marcus',
  'Priya',
  'Diego',
  'Hannah',
  'Jamal',
  'Mei',
  'Olivia',
  'Noah',
  'Sofia',
  'Ethan',
  'Aisha',
  'Lucas',
  'Grace',
  'Mateo',
  'Chloe',
  'Omar',
  'Emma',
  'Kenji',
  'Isabella',
];
const LAST = [
  'Lopez',
  'Johnson',
  'Patel',
  'Nguyen',
  'Kim',
  'Garcia',
  'Smith',
  'Brown',
  'Okafor',
  'Martinez',
  'Chen',
  'Davis',
  'Rossi',
  'Williams',
  'Haddad',
  'Miller',
  'Singh',
  'Wilson',
  'Cohen',
  'Reyes',
];

/** @example generateLeads(createRng(7), 50, { metros: ['tampa'] }) */
export function generateLeads(rng: Rng, n: number, options: { metros?: readonly MetroName[] } = {}): SyntheticLead[] {
  const metros = (options.metros?.length ? options.metros : METRO_NAMES).map((m) => METROS[m]);
  return Array.from({ length: n }, (_, i) => {
    const metro = rng.pick(metros);
    const firstName = rng.pick(FIRST);
    const lastName = rng.pick(LAST);
    const zip = rng.pick(metro.zips);
    const max = Math.round((metro.pricePerSqft * zip.priceFactor * 1900 * Math.exp(rng.normal(0, 0.35))) / 5000) * 5000;
    return {
      id: `lead-${String(i + 1).padStart(6, '0')}`,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      phone: `+1${rng.pick(metro.areaCodes)}55501${String(rng.int(0, 99)).padStart(2, '0')}`,
      email: `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase(),
      areas: rng.chance(0.5) ? [zip.city] : [zip.postalCode],
      budget: rng.chance(0.5) ? { min: Math.round((max * 0.7) / 5000) * 5000, max } : { max },
      beds: rng.chance(0.7)
        ? rng.weighted([
            [2, 25],
            [3, 50],
            [4, 25],
          ])
        : undefined,
      timeline: rng.weighted([
        ['0-3 months', 30],
        ['3-6 months', 30],
        ['6-12 months', 25],
        ['12+ months', 15],
      ] as const),
      preApproved: rng.chance(0.35),
      source: rng.weighted([
        ['website', 30],
        ['zillow', 25],
        ['referral', 15],
        ['open house', 10],
        ['facebook ad', 15],
        ['sign call', 5],
      ] as const),
    };
  });
}
