import type { ListingRow } from '../../db/queries/listings/get-listing.ts';
import { formatBedsBaths, formatPrice } from '../message/format.ts';

/** RESO feeds send either UnparsedAddress or its parts; people want one line either way. */
export function listingAddress(row: Pick<ListingRow, 'data' | 'city' | 'postalCode' | 'listingKey'>): string {
  const data = row.data ?? {};
  const str = (key: string) =>
    typeof data[key] === 'string' && (data[key] as string).trim() ? (data[key] as string).trim() : undefined;
  const street =
    str('UnparsedAddress') ??
    [str('StreetNumber'), str('StreetName'), str('UnitNumber') && `#${str('UnitNumber')}`].filter(Boolean).join(' ');
  const place = [row.city, row.postalCode].filter(Boolean).join(' ');
  if (street && place && !street.includes(row.city ?? '\u0000')) return `${street}, ${place}`;
  return street || place || row.listingKey;
}

/** One line per listing in `/top-deals` and matches: address, price, rooms, deal score. */
export function listingLine(row: ListingRow): string {
  const parts = [
    `**${listingAddress(row)}**`,
    row.listPrice != null ? formatPrice(row.listPrice) : undefined,
    formatBedsBaths(row.bedroomsTotal, row.bathroomsTotalInteger) || undefined,
    row.dealScore != null ? `deal ${row.dealScore}/100` : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}
