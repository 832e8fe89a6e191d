import { z } from '@hono/zod-openapi';

/** `{"error":{"code","message"}}`: every error the API answers (design.md §3). */
export const ApiError = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'maxPrice: must be 0 or more; near.miles: must be more than 0' }),
    }),
  })
  .openapi('Error');

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** The default meaning of each status on `/api/v1`, with its code; a route may be more precise. */
const MEANING: Record<ErrorStatus, string> = {
  400: 'The body is not valid JSON (`invalid_json`)',
  401: 'Missing or unknown API key (`unauthorized`)',
  403: 'Not allowed for this agent (`forbidden`)',
  404: 'Not found in this team (`not_found`)',
  409: 'Conflicts with the current state (`conflict`)',
  413: 'Body over 1 MiB (`payload_too_large`)',
  415: 'Body not sent as application/json (`unsupported_media_type`)',
  422: 'Input failed validation; the message names every problem as `path: problem; …` (`validation_failed`)',
  429: 'Rate limit or back-pressure; retry after `Retry-After` (`too_many_requests`)',
};

/** OpenAPI responses for the given error statuses (`true` = the default meaning), each with the error body. */
export function errorResponses(statuses: Partial<Record<ErrorStatus, string | true>>) {
  const responses: Record<
    string,
    { description: string; content: { 'application/json': { schema: typeof ApiError } } }
  > = {};
  for (const [status, note] of Object.entries(statuses)) {
    const description = typeof note === 'string' ? note : MEANING[Number(status) as ErrorStatus];
    responses[status] = { description, content: { 'application/json': { schema: ApiError } } };
  }
  return responses;
}
