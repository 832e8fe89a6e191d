import { z } from 'zod';
import { MAX_ID_LENGTH, NO_CONTROL_CHARACTERS } from '../ids/entity-id.ts';
import { PropertySubType, PropertyType, StandardStatus } from './reso-lookups.ts';

/*
 * One RESO Property record. Names and types follow the Data Dictionary 2.0 (see
 * shared/fixtures/reso/property-core.json). CSV exports and some feeds send numbers, booleans
 * and nulls as strings, so each type is coerced at the edge: the rest of the code sees numbers.
 */

const blankToUndefined = (raw: unknown): unknown =>
  raw === null || (typeof raw === 'string' && raw.trim() === '') ? undefined : raw;

const numeric = (raw: unknown): unknown => {
  const v = blankToUndefined(raw);
  if (typeof v !== 'string') return v;
  const n = Number(v.replace(/[$,\s]/g, ''));
  return Number.isNaN(n) ? v : n;
};

/** Edm.Decimal: a finite number (money, areas, coordinates). */
const decimal = (check: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess(numeric, check(z.number({ error: 'must be a number' })).optional());
/** Edm.Int64 */
const integer = () =>
  z.preprocess(
    numeric,
    z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
  );
/** Edm.Boolean: RESO says true/false; MLS exports say Y/N. */
const yesNo = () =>
  z.preprocess((raw) => {
    const v = blankToUndefined(raw);
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['y', 'yes', 'true', '1'].includes(s)) return true;
    if (['n', 'no', 'false', '0'].includes(s)) return false;
    return v;
  }, z.boolean({ error: 'must be true/false (or Y/N)' }).optional());
/** Edm.String with the Data Dictionary's maxLength; numbers (a PostalCode read from CSV) become text. */
const text = (max: number) =>
  z.preprocess(
    (raw) => (typeof raw === 'number' ? String(raw) : blankToUndefined(raw)),
    z.string({ error: 'must be text' }).max(max, `must be at most ${max} characters`).optional(),
  );
/** Open RESO enums (City, CountyOrParish...): local values, so any text. */
const openEnum = () => text(255);
/** Edm.DateTimeOffset, stored as UTC ISO so comparisons and dedupe keys agree across sources. */
const timestamp = () =>
  z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 timestamp with a time zone' })
      .transform((s) => new Date(s).toISOString()),
  );
/** Edm.Date */
const date = () => z.preprocess(blankToUndefined, z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional());
const lookupOf = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const Listing = z.looseObject({
  ListingKey: z.preprocess(
    (raw) => (typeof raw === 'number' ? String(raw) : raw),
    // Capped and free of control characters: it is a primary-key column and a path segment.
    z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
      .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters'),
  ),
  StandardStatus,
  ListPrice: z.preprocess(numeric, z.number({ error: 'must be a number' }).nonnegative('must be 0 or more')),
  ModificationTimestamp: timestamp(),

  ListingId: text(255),
  OriginalListPrice: decimal((n) => n.nonnegative('must be 0 or more')),
  PreviousListPrice: decimal((n) => n.nonnegative('must be 0 or more')),
  ClosePrice: decimal((n) => n.nonnegative('must be 0 or more')),
  AssociationFee: decimal((n) => n.nonnegative('must be 0 or more')),
  TaxAnnualAmount: decimal((n) => n.nonnegative('must be 0 or more')),
  BedroomsTotal: integer(),
  BathroomsTotalInteger: integer(),
  BathroomsFull: integer(),
  LivingArea: decimal((n) => n.nonnegative('must be 0 or more')),
  LotSizeAcres: decimal((n) => n.nonnegative('must be 0 or more')),
  LotSizeSquareFeet: decimal((n) => n.nonnegative('must be 0 or more')),
  GarageSpaces: decimal((n) => n.nonnegative('must be 0 or more')),
  Stories: integer(),
  YearBuilt: integer(),
  PhotosCount: integer(),
  DaysOnMarket: integer(),
  CumulativeDaysOnMarket: integer(),
  Latitude: decimal((n) => n.min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90')),
  Longitude: decimal((n) => n.min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180')),
  PropertyType: lookupOf(PropertyType),
  PropertySubType: lookupOf(PropertySubType),
  MajorChangeType: openEnum(),
  MlsStatus: openEnum(),
  City: openEnum(),
  CountyOrParish: openEnum(),
  StateOrProvince: openEnum(),
  ElementarySchool: openEnum(),
  HighSchoolDistrict: openEnum(),
  PostalCode: text(10),
  StreetNumber: text(25),
  StreetName: text(50),
  UnitNumber: text(25),
  UnparsedAddress: text(255),
  SubdivisionName: text(50),
  ListAgentKey: text(255),
  ListOfficeName: text(255),
  PublicRemarks: text(4000),
  PoolPrivateYN: yesNo(),
  WaterfrontYN: yesNo(),
  NewConstructionYN: yesNo(),
  SeniorCommunityYN: yesNo(),
  ListingContractDate: date(),
  OnMarketDate: date(),
  PriceChangeTimestamp: timestamp().optional(),
  StatusChangeTimestamp: timestamp().optional(),
  MajorChangeTimestamp: timestamp().optional(),
});
export type Listing = z.infer<typeof Listing>;
