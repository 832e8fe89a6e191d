import { z } from 'zod';
import { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';

/**
 * Search criteria read from free text (an SMS thread, an `/alert` request). Field names match a
 * saved search (`SavedSearchCriteria`, design §7) so the result can be stored as one after an agent confirms it; the
 * last two describe the buyer rather than the search.
 */
export const ExtractedCriteria = z
  .object({
    minPrice: z.number().int().nonnegative().optional(),
    maxPrice: z.number().int().positive().optional(),
    minBeds: z.number().int().min(0).max(20).optional(),
    minBaths: z.number().min(0).max(20).optional(),
    cities: z.array(z.string().min(1)).default([]),
    postalCodes: z.array(z.string().regex(/^\d{5}$/, 'must be a 5-digit ZIP code')).default([]),
    /** RESO PropertyType (Residential, ResidentialIncome, Land, ...), as in SavedSearchCriteria. */
    propertyTypes: z.array(PropertyType).default([]),
    /** RESO PropertySubType (SingleFamilyResidence, Condominium, Townhouse, ...). */
    propertySubTypes: z.array(PropertySubType).default([]),
    keywords: z.array(z.string().min(1)).default([]),
    timelineMonths: z.number().int().min(0).max(120).optional(),
    preApproved: z.boolean().optional(),
  })
  .refine((c) => c.minPrice === undefined || c.maxPrice === undefined || c.minPrice <= c.maxPrice, {
    message: 'minPrice must not exceed maxPrice',
    path: ['minPrice'],
  });
export type ExtractedCriteria = z.infer<typeof ExtractedCriteria>;
