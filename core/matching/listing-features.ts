import type { Listing } from '../listings/listing.ts';

/**
 * PublicRemarks reduced to " word word ... " so a keyword is found as whole words ("view" must not
 * match "review"). Cached per listing object: one listing is checked against thousands of searches.
 */
const normalized = new WeakMap<Listing, string>();

const keywordForms = new Map<string, string>();

export function normalizeWords(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function remarksOf(listing: Listing): string {
  let text = normalized.get(listing);
  if (text === undefined) {
    text = normalizeWords(listing.PublicRemarks ?? '');
    normalized.set(listing, text);
  }
  return text;
}

/**
 * Whether a listing has a must-have feature: in its remarks (singular or plural), or by the RESO
 * flag that says the same thing, because many listings set PoolPrivateYN and never write "pool".
 */
export function hasFeature(listing: Listing, keyword: string): boolean {
  if (keyword === 'pool' && listing.PoolPrivateYN) return true;
  if (keyword === 'waterfront' && listing.WaterfrontYN) return true;
  if (keyword === 'garage' && (listing.GarageSpaces ?? 0) > 0) return true;
  if (keyword === 'new construction' && listing.NewConstructionYN) return true;
  const text = remarksOf(listing);
  let k = keywordForms.get(keyword);
  if (k === undefined) keywordForms.set(keyword, (k = normalizeWords(keyword).trimEnd()));
  return text.includes(`${k} `) || text.includes(`${k}s `) || text.includes(`${k}es `);
}
