import { z } from '@hono/zod-openapi';

/** Query fields every list shares. */
export const PageQuery = {
  cursor: z.string().optional().openapi({ description: '`next` from the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ description: 'Page size, 1–100' }),
};

/** A page of `item`: `next` is the cursor of the following page, null on the last. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next: z.string().nullable() });

/** The 400 a list answers for a cursor it did not issue (decoded by the query, not by the schema). */
export const BAD_CURSOR = 'The cursor is not one this API returned (`bad_request`)';

/**
 * A comma-separated filter (`?status=open,claimed`) parsed into a list of allowed values;
 * absent or empty means no filter.
 */
export const commaList = <const T extends readonly string[]>(allowed: T) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const list = (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (list.some((v) => !allowed.includes(v))) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${allowed.join(', ')} (comma-separated for several)` });
        return z.NEVER;
      }
      return list.length ? (list as Array<T[number]>) : undefined;
    })
    .openapi({ type: 'string', description: `One or more of ${allowed.join(', ')}, comma-separated` });
