import { z } from '@hono/zod-openapi';
import { EntityId } from '../../core/ids/entity-id.ts';
import { Listing as ResoListing } from '../../core/listings/listing.ts';
import { apiRoute, json } from './api-route.ts';
import { Reason } from './lead-routes.ts';

/** One request stays well inside the 1 MiB body limit and one job's worth of work. */
export const MAX_LISTINGS_PER_REQUEST = 1000;

export const Listing = ResoListing.clone().openapi('Listing', {
  description: 'A RESO Data Dictionary Property; fields beyond these are kept as sent',
});

export const ListingDetail = Listing.extend({
  dealScore: z.number().nullable().openapi({ description: '0–100' }),
  dealReasons: z.array(Reason),
  matches: z.array(
    z.object({
      leadId: z.string(),
      savedSearchId: z.string(),
      score: z.number().int(),
      matchedAt: z.string().openapi({ format: 'date-time' }),
    }),
  ),
}).openapi('ListingDetail');

/**
 * Only the envelope is validated here: each row is checked by the upsert, and a bad row is
 * reported in `rejected` (answered 200) instead of failing the whole batch (design.md §8).
 */
export const ListingBatch = z
  .object({
    listings: z
      .array(z.unknown().openapi({ allOf: [{ $ref: '#/components/schemas/Listing' }] }), {
        error: 'must be an array of RESO Property objects ({"listings":[...]})',
      })
      .max(MAX_LISTINGS_PER_REQUEST, {
        error: (issue) =>
          `at most ${MAX_LISTINGS_PER_REQUEST} per request (got ${(issue.input as unknown[] | undefined)?.length})`,
      }),
    /** Checked row by row by the same OpenHouse schema as the RESO feed's, after the listings. */
    openHouses: z
      .array(
        z.unknown().openapi({
          description:
            'A RESO OpenHouse object: OpenHouseKey, ListingKey, OpenHouseStartTime, ModificationTimestamp; ' +
            'optionally OpenHouseEndTime, OpenHouseStatus (Active, Canceled, Ended), OpenHouseType, OpenHouseRemarks',
        }),
        { error: 'must be an array of RESO OpenHouse objects' },
      )
      .max(MAX_LISTINGS_PER_REQUEST, { error: `at most ${MAX_LISTINGS_PER_REQUEST} open houses per request` })
      .optional(),
  })
  .openapi('ListingBatch');

export const listingRoutes = {
  upsert: apiRoute({
    method: 'post',
    path: '/api/v1/listings',
    tags: ['listings'],
    summary: 'Insert or update a batch of RESO listings',
    request: { body: { content: json(ListingBatch), required: true } },
    responses: {
      200: {
        description: 'What changed, and every rejected row with the field at fault',
        content: json(
          z.object({
            upserted: z.number().int(),
            changes: z.array(z.object({ listingKey: z.string(), changeType: z.string() })),
            rejected: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
            openHouses: z
              .object({
                upserted: z.number().int(),
                rejected: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
              })
              .optional()
              .openapi({ description: 'Only when the request had `openHouses`; `index` is the position there' }),
          }),
        ),
      },
    },
  }),
  detail: apiRoute({
    method: 'get',
    path: '/api/v1/listings/{listingKey}',
    tags: ['listings'],
    summary: 'One listing with its deal score and the leads it matched',
    request: { params: z.object({ listingKey: EntityId }) },
    responses: { 200: { description: 'The listing', content: json(ListingDetail) } },
    errors: { 404: 'No such listing in this team (`not_found`)' },
  }),
};
