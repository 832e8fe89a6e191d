import { z } from 'zod';

/**
 * RESO Data Dictionary 2.0 lookups (Property resource), spelled as the legacy OData values in
 * `shared/fixtures/reso/property-core.json`. Feeds and CSV exports often send the display form
 * ("Active Under Contract", "Residential Income"), so every enum accepts both and stores the
 * OData form: one spelling in the database, whatever the source wrote.
 */
export const STANDARD_STATUSES = [
  'Active',
  'ActiveUnderContract',
  'Canceled',
  'Closed',
  'ComingSoon',
  'Delete',
  'Expired',
  'Hold',
  'Incomplete',
  'Pending',
  'Withdrawn',
] as const;

export const CHANGE_TYPES = [
  'Active',
  'ActiveUnderContract',
  'BackOnMarket',
  'Canceled',
  'Closed',
  'ComingSoon',
  'Deleted',
  'Expired',
  'Hold',
  'NewListing',
  'Pending',
  'PriceChange',
  'Withdrawn',
] as const;

export const PROPERTY_TYPES = [
  'BusinessOpportunity',
  'CommercialLease',
  'CommercialSale',
  'Farm',
  'Land',
  'ManufacturedInPark',
  'Residential',
  'ResidentialIncome',
  'ResidentialLease',
] as const;

export const PROPERTY_SUB_TYPES = [
  'Agriculture',
  'Apartment',
  'BoatSlip',
  'Business',
  'Cabin',
  'Condominium',
  'CoOwnership',
  'DeededParking',
  'Duplex',
  'Farm',
  'HotelMotel',
  'Industrial',
  'ManufacturedHome',
  'ManufacturedOnLand',
  'MixedUse',
  'MobileHome',
  'MobileHomePark',
  'MultiFamily',
  'Office',
  'OwnYourOwn',
  'Quadruplex',
  'Ranch',
  'Retail',
  'SingleFamilyResidence',
  'StockCooperative',
  'TenancyInCommon',
  'Timeshare',
  'Townhouse',
  'Triplex',
  'UnimprovedLand',
  'Warehouse',
] as const;

/** Where a buyer can still make an offer; everything else is off the market for matching. */
export const MATCHABLE_STATUSES: ReadonlySet<string> = new Set(['Active', 'ComingSoon']);

/** Statuses that take a listing off the market; coming back from one of them is `BackOnMarket`. */
export const OFF_MARKET_STATUSES: ReadonlySet<string> = new Set([
  'Withdrawn',
  'Expired',
  'Canceled',
  'Hold',
  'Pending',
  'ActiveUnderContract',
  'Closed',
  'Delete',
]);

/** The usual parent type of a sub-type, so "condo or land" can filter sub-types within Residential only. */
export const SUB_TYPE_PARENT: Readonly<Record<string, string>> = {
  Condominium: 'Residential',
  Townhouse: 'Residential',
  SingleFamilyResidence: 'Residential',
  ManufacturedHome: 'Residential',
  ManufacturedOnLand: 'Residential',
  Cabin: 'Residential',
  StockCooperative: 'Residential',
  Duplex: 'ResidentialIncome',
  Triplex: 'ResidentialIncome',
  Quadruplex: 'ResidentialIncome',
  MultiFamily: 'ResidentialIncome',
  UnimprovedLand: 'Land',
  Ranch: 'Farm',
  Agriculture: 'Farm',
};

/** "Active Under Contract" / "active_under_contract" → "activeundercontract": the comparison key. */
const squash = (value: string): string => value.replace(/[\s_-]+/g, '').toLowerCase();

function lookup<const T extends readonly [string, ...string[]]>(values: T) {
  const byKey = new Map(values.map((v) => [squash(v), v]));
  return z.preprocess((raw) => (typeof raw === 'string' ? (byKey.get(squash(raw)) ?? raw) : raw), z.enum(values));
}

export const StandardStatus = lookup(STANDARD_STATUSES);
export type StandardStatus = (typeof STANDARD_STATUSES)[number];
export const ChangeType = lookup(CHANGE_TYPES);
export type ChangeType = (typeof CHANGE_TYPES)[number];
export const PropertyType = lookup(PROPERTY_TYPES);
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const PropertySubType = lookup(PROPERTY_SUB_TYPES);
export type PropertySubType = (typeof PROPERTY_SUB_TYPES)[number];
