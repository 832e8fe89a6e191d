/** A stored listing as a lead reads it: the columns we index plus what only the RESO object carries. */
export interface ListingDisplay {
  listingKey: string;
  /** Street address, else the listing key (never blank). */
  address: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  status: string;
  price: number;
  /** The original price, when the home has come down from it. */
  previousPrice?: number;
  beds?: number;
  baths?: number;
  livingArea?: number;
  remarks?: string;
  /** First RESO `Media` photo, else `PhotoURL`. */
  photoUrl?: string;
  /** The feed's own page for the listing (`ListingURL`). */
  feedUrl?: string;
}

export interface ListingDisplayRow {
  listingKey: string;
  standardStatus: string;
  listPrice: number | null;
  originalListPrice: number | null;
  bedroomsTotal: number | null;
  bathroomsTotalInteger: number | null;
  livingArea: number | null;
  city: string | null;
  postalCode: string | null;
  publicRemarks: string | null;
  data: Record<string, unknown> | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const httpUrl = (v: unknown) => {
  const s = str(v);
  return s && /^https?:\/\//i.test(s) ? s : undefined;
};

/**
 * What an email or the lead's listing page shows of one stored listing. Only http(s) URLs are taken from
 * the feed: a photo or link is put in front of a lead, so a `javascript:` value must never pass.
 * @example listingDisplay(row).address // '1204 Elm St'
 */
export function listingDisplay(listing: ListingDisplayRow): ListingDisplay {
  const d = listing.data ?? {};
  const media = Array.isArray(d.Media) ? (d.Media as Array<{ MediaURL?: unknown }>) : [];
  const photoUrl = httpUrl(media[0]?.MediaURL) ?? httpUrl(d.PhotoURL);
  const street = [d.StreetNumber, d.StreetName, d.StreetSuffix]
    .filter((x) => typeof x === 'string' || typeof x === 'number')
    .join(' ');
  const optional = <K extends keyof ListingDisplay>(key: K, value: ListingDisplay[K] | null | undefined) =>
    value === null || value === undefined ? {} : { [key]: value };
  const { listPrice, originalListPrice } = listing;
  return {
    listingKey: listing.listingKey,
    address: str(d.UnparsedAddress) ?? (street || listing.listingKey),
    ...optional('city', listing.city),
    ...optional('stateOrProvince', str(d.StateOrProvince)),
    ...optional('postalCode', listing.postalCode),
    status: listing.standardStatus,
    price: listPrice ?? 0,
    ...(originalListPrice && listPrice && originalListPrice > listPrice ? { previousPrice: originalListPrice } : {}),
    ...optional('beds', listing.bedroomsTotal),
    ...optional('baths', listing.bathroomsTotalInteger),
    ...optional('livingArea', listing.livingArea),
    ...optional('remarks', str(listing.publicRemarks) ?? str(d.PublicRemarks)),
    ...optional('photoUrl', photoUrl),
    ...optional('feedUrl', httpUrl(d.ListingURL)),
  };
}
