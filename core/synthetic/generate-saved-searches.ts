import type { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';
import { SavedSearchCriteria, type SavedSearch } from '../search/saved-search.ts';
import type { Rng } from './create-rng.ts';
import { METRO_NAMES, METROS, type MetroName } from './metros.ts';

export interface GenerateSavedSearchesOptions {
  metros?: readonly MetroName[];
  /** Id prefix, so batches never collide. */
  idPrefix?: string;
}

const KEYWORDS = ['pool', 'garage', 'view', 'fireplace', 'fenced yard', 'home office', 'basement', 'waterfront'];

/**
 * Saved searches shaped like real buyers': most name one or two ZIPs, a city, or a radius around
 * a neighbourhood; budgets follow the ZIP's price level; some want a type, beds, baths or a feature.
 * @example generateSavedSearches(createRng(7), 100_000, { metros: ['austin', 'denver', 'tampa'] })
 */
export function generateSavedSearches(rng: Rng, n: number, options: GenerateSavedSearchesOptions = {}): SavedSearch[] {
  const metros = (options.metros?.length ? options.metros : METRO_NAMES).map((m) => METROS[m]);
  const prefix = options.idPrefix ?? 'ss';
  return Array.from({ length: n }, (_, i) => {
    const metro = rng.pick(metros);
    const home = rng.pick(metro.zips);
    const area = rng.weighted([
      ['zips', 52],
      ['city', 10],
      ['radius', 37.5],
      ['anywhere', 0.5],
    ] as const);
    const cities = [...new Set(metro.zips.map((z) => z.city))];
    const nearby = metro.zips.filter((z) => Math.abs(z.lat - home.lat) < 0.08 && Math.abs(z.lon - home.lon) < 0.08);

    const budget =
      Math.round((metro.pricePerSqft * home.priceFactor * 1900 * Math.exp(rng.normal(0, 0.45))) / 5000) * 5000;
    const kind = rng.weighted<{ types: PropertyType[]; subTypes: PropertySubType[] }>([
      [{ types: [], subTypes: [] }, 25],
      [{ types: ['Residential'], subTypes: [] }, 40],
      [{ types: ['Residential'], subTypes: ['SingleFamilyResidence'] }, 20],
      [{ types: ['Residential'], subTypes: ['Condominium', 'Townhouse'] }, 12],
      [{ types: ['Land'], subTypes: [] }, 3],
    ]);
    const wantsRooms = kind.types[0] !== 'Land';
    const criteria = SavedSearchCriteria.parse({
      minPrice: rng.chance(0.85) ? Math.round((budget * rng.between(0.75, 0.92)) / 5000) * 5000 : undefined,
      maxPrice: rng.chance(0.95) ? budget : undefined,
      minBeds:
        wantsRooms && rng.chance(0.9)
          ? rng.weighted([
              [1, 10],
              [2, 30],
              [3, 45],
              [4, 15],
            ])
          : undefined,
      minBaths:
        wantsRooms && rng.chance(0.6)
          ? rng.weighted([
              [1, 30],
              [2, 55],
              [3, 15],
            ])
          : undefined,
      minLivingArea: wantsRooms && rng.chance(0.15) ? rng.pick([1000, 1500, 2000, 2500]) : undefined,
      postalCodes: area === 'zips' ? rng.sample(nearby, rng.int(1, 2)).map((z) => z.postalCode) : [],
      cities:
        area === 'city'
          ? rng.sample(
              cities,
              rng.weighted([
                [1, 80],
                [2, 20],
              ]),
            )
          : [],
      near:
        area === 'radius'
          ? {
              lat: round4(home.lat + rng.normal(0, 0.01)),
              lon: round4(home.lon + rng.normal(0, 0.01)),
              miles: rng.pick([1, 2, 2, 3, 3, 5, 5, 8]),
            }
          : undefined,
      propertyTypes: kind.types,
      propertySubTypes: kind.subTypes,
      keywords: rng.chance(0.3) ? [rng.pick(KEYWORDS)] : [],
      frequency: rng.weighted([
        ['instant', 60],
        ['daily', 30],
        ['weekly', 10],
      ]),
    });
    const n1 = String(i + 1).padStart(6, '0');
    return { id: `${prefix}-${n1}`, leadId: `lead-${n1}`, criteria };
  });
}

const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;
