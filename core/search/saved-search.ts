import { z } from 'zod';
import { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';

export const SEARCH_FREQUENCIES = ['instant', 'daily', 'weekly'] as const;
export const SearchFrequency = z.enum(SEARCH_FREQUENCIES);
export type SearchFrequency = z.infer<typeof SearchFrequency>;

export const NearPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  miles: z.number().positive('must be more than 0').max(250, 'must be at most 250 miles'),
});
export type NearPoint = z.infer<typeof NearPoint>;

const money = z.number().nonnegative('must be 0 or more');
const count = z.number().int('must be a whole number').min(0).max(50);
/** Trimmed, de-duplicated; keywords and cities compare case-insensitively downstream. */
const words = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .default([])
  .transform((list) => [...new Set(list)]);

/**
 * What a lead is looking for: the body of `POST /api/v1/saved-searches` (design.md §7) without
 * `leadId`. Areas are alternatives (a listing in any listed city, postal code or the radius
 * qualifies); keywords are must-haves, each matched in PublicRemarks (or the matching RESO flag).
 */
export const SavedSearchCriteria = z
  .object({
    minPrice: money.optional(),
    maxPrice: money.optional(),
    minBeds: count.optional(),
    minBaths: count.optional(),
    minLivingArea: money.optional(),
    cities: words,
    postalCodes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\d{5}(-\d{4})?$/, 'must be a 5-digit ZIP code')
          .transform((s) => s.slice(0, 5)),
      )
      .max(100)
      .default([]),
    near: NearPoint.optional(),
    propertyTypes: z.array(PropertyType).default([]),
    propertySubTypes: z.array(PropertySubType).default([]),
    keywords: words.transform((list) => list.map((k) => k.toLowerCase())),
    frequency: SearchFrequency.default('instant'),
  })
  .refine((c) => c.minPrice === undefined || c.maxPrice === undefined || c.minPrice <= c.maxPrice, {
    message: 'minPrice must not exceed maxPrice',
    path: ['minPrice'],
  });
export type SavedSearchCriteria = z.infer<typeof SavedSearchCriteria>;

/** A stored search as the matching engine sees it: criteria plus who it is for. */
export const SavedSearch = z.object({
  id: z.string().min(1),
  leadId: z.string().min(1),
  criteria: SavedSearchCriteria,
});
export type SavedSearch = z.infer<typeof SavedSearch>;
