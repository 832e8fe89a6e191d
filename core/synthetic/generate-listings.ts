import type { Listing } from '../listings/listing.ts';
import type { PropertySubType, PropertyType, StandardStatus } from '../listings/reso-lookups.ts';
import type { Rng } from './create-rng.ts';
import { METRO_NAMES, METROS, type Metro, type MetroName } from './metros.ts';

export interface GenerateListingsOptions {
  metros?: readonly MetroName[];
  /** "Today" for the data: days on market and timestamps count back from it. */
  now?: string | Date;
  /** ListingKey prefix, so two generated batches never collide. */
  keyPrefix?: string;
}

export const DEFAULT_SYNTHETIC_NOW = '2026-03-02T15:00:00Z';
const DAY_MS = 86_400_000;

type Kind = {
  type: PropertyType;
  subType: PropertySubType;
  label: string;
  beds: ReadonlyArray<readonly [number, number]>;
  ppsf: number;
};
const KINDS: ReadonlyArray<readonly [Kind, number]> = [
  [
    {
      type: 'Residential',
      subType: 'SingleFamilyResidence',
      label: 'single-family home',
      beds: [
        [2, 10],
        [3, 45],
        [4, 33],
        [5, 12],
      ],
      ppsf: 1,
    },
    58,
  ],
  [
    {
      type: 'Residential',
      subType: 'Condominium',
      label: 'condo',
      beds: [
        [0, 5],
        [1, 35],
        [2, 45],
        [3, 15],
      ],
      ppsf: 1.1,
    },
    15,
  ],
  [
    {
      type: 'Residential',
      subType: 'Townhouse',
      label: 'townhouse',
      beds: [
        [2, 35],
        [3, 50],
        [4, 15],
      ],
      ppsf: 0.95,
    },
    10,
  ],
  [
    {
      type: 'Residential',
      subType: 'ManufacturedHome',
      label: 'manufactured home',
      beds: [
        [2, 30],
        [3, 60],
        [4, 10],
      ],
      ppsf: 0.5,
    },
    3,
  ],
  [
    {
      type: 'ResidentialIncome',
      subType: 'Duplex',
      label: 'duplex',
      beds: [
        [4, 60],
        [5, 25],
        [6, 15],
      ],
      ppsf: 0.85,
    },
    4,
  ],
  [
    {
      type: 'ResidentialIncome',
      subType: 'Quadruplex',
      label: 'fourplex',
      beds: [
        [6, 40],
        [8, 60],
      ],
      ppsf: 0.8,
    },
    1,
  ],
  [{ type: 'Land', subType: 'UnimprovedLand', label: 'lot', beds: [], ppsf: 0 }, 7],
  [
    {
      type: 'Farm',
      subType: 'Ranch',
      label: 'ranch',
      beds: [
        [3, 60],
        [4, 40],
      ],
      ppsf: 0,
    },
    2,
  ],
];

const STATUSES: ReadonlyArray<readonly [StandardStatus, number]> = [
  ['Active', 78],
  ['ComingSoon', 4],
  ['ActiveUnderContract', 5],
  ['Pending', 6],
  ['Closed', 5],
  ['Withdrawn', 1],
  ['Expired', 1],
];
const OPENERS = [
  'Welcome home to this',
  'Move-in ready',
  'Beautifully updated',
  'Charming',
  'Light-filled',
  'Rarely available',
  'Well-kept',
];
const CLOSERS = [
  'Close to shops, parks and schools.',
  'Minutes to downtown.',
  'Seller is motivated.',
  'Schedule a showing today.',
  'No HOA.',
  'Priced to sell.',
];

/**
 * Listings with RESO field names and plausible distributions: ZIP-level price levels, type mix,
 * bedroom counts per type, about a third with a price cut, days on market skewed young.
 * @example generateListings(createRng(7), 1000, { metros: ['austin'] })
 */
export function generateListings(rng: Rng, n: number, options: GenerateListingsOptions = {}): Listing[] {
  const metros = (options.metros?.length ? options.metros : METRO_NAMES).map((m) => METROS[m]);
  const now = new Date(options.now ?? DEFAULT_SYNTHETIC_NOW).getTime();
  const prefix = options.keyPrefix ?? 'SYN';
  return Array.from({ length: n }, (_, i) =>
    generateOne(rng, rng.pick(metros), now, `${prefix}-${String(i + 1).padStart(6, '0')}`),
  );
}

function generateOne(rng: Rng, metro: Metro, now: number, key: string): Listing {
  const zip = rng.pick(metro.zips);
  const kind = rng.weighted(KINDS);
  const status = rng.weighted(STATUSES);
  const isLand = kind.type === 'Land';
  const beds = kind.beds.length ? rng.weighted(kind.beds) : undefined;
  const baths = beds === undefined ? undefined : Math.max(1, Math.round(beds * 0.7 + rng.normal(0, 0.5)));
  const acres =
    isLand || kind.type === 'Farm'
      ? round(Math.exp(rng.normal(kind.type === 'Farm' ? 2.5 : 0, 0.8)), 2)
      : round(rng.between(0.08, 0.4), 2);
  const area =
    beds === undefined
      ? undefined
      : Math.max(
          450,
          Math.round(
            kind.subType === 'Condominium'
              ? 450 + beds * 380 + rng.normal(0, 150)
              : 700 + beds * 420 + rng.normal(0, 250),
          ),
        );

  const noise = Math.exp(rng.normal(0, 0.15));
  let price: number;
  if (isLand) price = acres * 120_000 * zip.priceFactor * noise;
  else if (kind.type === 'Farm') price = acres * 15_000 * noise + (area ?? 0) * 150;
  else price = (area ?? 1000) * metro.pricePerSqft * zip.priceFactor * kind.ppsf * noise;
  price = Math.max(15_000, Math.round(price / 1000) * 1000);

  const dom = Math.floor(-Math.log(1 - rng.next()) * 35);
  const cut = rng.chance(0.3) ? rng.between(0.02, 0.15) : 0;
  const original = cut ? Math.round(price / (1 - cut) / 1000) * 1000 : price;
  const onMarket = now - dom * DAY_MS;
  const modified = now - rng.between(0, Math.min(dom, 30) + 0.5) * DAY_MS;

  const features = isLand ? [] : metro.features.filter(([, share]) => rng.chance(share)).map(([phrase]) => phrase);
  const streetNumber = String(rng.int(100, 9999));
  const streetName = rng.pick(metro.streets);
  const lat = round(zip.lat + rng.normal(0, 0.012), 6);
  const lon = round(zip.lon + rng.normal(0, 0.012), 6);
  const yearBuilt = isLand ? undefined : Math.min(2026, Math.round(rng.between(1950, 2026)));

  const listing: Listing = {
    ListingKey: key,
    ListingId: `${metro.name.slice(0, 3).toUpperCase()}${key.replace(/\D/g, '')}`,
    StandardStatus: status,
    ListPrice: price,
    OriginalListPrice: original,
    ModificationTimestamp: new Date(modified).toISOString(),
    OnMarketDate: new Date(onMarket).toISOString().slice(0, 10),
    ListingContractDate: new Date(onMarket - rng.int(0, 7) * DAY_MS).toISOString().slice(0, 10),
    DaysOnMarket: dom,
    PropertyType: kind.type,
    PropertySubType: kind.subType,
    BedroomsTotal: beds,
    BathroomsTotalInteger: baths,
    LivingArea: area,
    LotSizeAcres: acres,
    YearBuilt: yearBuilt,
    NewConstructionYN: yearBuilt !== undefined && yearBuilt >= 2025,
    GarageSpaces: features.includes('garage') ? rng.int(1, 3) : 0,
    PoolPrivateYN: features.includes('pool'),
    WaterfrontYN: features.includes('waterfront'),
    StreetNumber: streetNumber,
    StreetName: streetName,
    City: zip.city,
    StateOrProvince: metro.state,
    PostalCode: zip.postalCode,
    UnparsedAddress: `${streetNumber} ${streetName}, ${zip.city}, ${metro.state} ${zip.postalCode}`,
    Latitude: lat,
    Longitude: lon,
    TaxAnnualAmount: Math.round(price * metro.taxRate * rng.between(0.8, 1.2)),
    AssociationFee:
      kind.subType === 'Condominium'
        ? rng.int(250, 700)
        : kind.subType === 'Townhouse'
          ? rng.int(100, 350)
          : rng.chance(0.4)
            ? rng.int(30, 120)
            : 0,
    PublicRemarks: remarks(rng, kind.label, beds, features, zip.city),
  };
  if (cut) listing.PriceChangeTimestamp = new Date(now - rng.between(0, dom + 0.5) * DAY_MS).toISOString();
  if (status === 'Closed') listing.ClosePrice = Math.round((price * rng.between(0.95, 1.03)) / 1000) * 1000;
  return listing;
}

function remarks(rng: Rng, label: string, beds: number | undefined, features: string[], city: string): string {
  const size = beds === undefined ? '' : beds === 0 ? 'studio ' : `${beds}-bedroom `;
  const parts = [`${rng.pick(OPENERS)} ${size}${label} in ${city}.`];
  if (features.length) parts.push(`Features ${joinWords(features)}.`);
  parts.push(rng.pick(CLOSERS));
  return parts.join(' ');
}

const joinWords = (words: string[]): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
