import { z } from 'zod';

/** Longer than any id we issue (uuids) or receive (GHL, RESO ListingKey); a btree index row holds ~2.7 KB. */
export const MAX_ID_LENGTH = 255;

/** Text that names or searches for something never holds C0 control characters or DEL. */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/**
 * An id someone outside the process hands us: a path parameter, a query filter, a body field
 * naming a lead, an agent or a listing. Capped and free of control characters, so a hostile id
 * (`%00`, 3 KB of text) is refused by name instead of failing inside PostgreSQL with a 500.
 * @example z.object({ id: EntityId })
 */
export const EntityId = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters');
export type EntityId = z.infer<typeof EntityId>;
