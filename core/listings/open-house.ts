import { z } from 'zod';
import { MAX_ID_LENGTH, NO_CONTROL_CHARACTERS } from '../ids/entity-id.ts';

/*
 * One RESO OpenHouse record (Data Dictionary 2.0 OpenHouse resource): the fields we keep, by their RESO names.
 * Anything else the feed sends is allowed and ignored.
 */

const blankToUndefined = (raw: unknown): unknown =>
  raw === null || (typeof raw === 'string' && raw.trim() === '') ? undefined : raw;

const key = () =>
  z.preprocess(
    (raw) => (typeof raw === 'number' ? String(raw) : raw),
    // A primary-key column, like ListingKey.
    z
      .string({ error: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
      .regex(NO_CONTROL_CHARACTERS, 'must not contain control characters'),
  );
/** Edm.DateTimeOffset, stored as UTC ISO: the offset the MLS sent is only its local time zone. */
const timestamp = () =>
  z.preprocess(
    blankToUndefined,
    z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 timestamp with a time zone' })
      .transform((s) => new Date(s).toISOString()),
  );
const text = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z.string({ error: 'must be text' }).max(max, `must be at most ${max} characters`).optional(),
  );

/**
 * The Data Dictionary spells the lookup `Canceled`; feeds also write `Cancelled` or lower case. Known spellings
 * are stored in the OData form; a local value is kept as sent (it is not `Active`, so it announces nothing). A
 * feed that leaves the status out publishes only scheduled open houses, so none means `Active`.
 */
const STATUS_SPELLINGS: Record<string, string> = {
  active: 'Active',
  canceled: 'Canceled',
  cancelled: 'Canceled',
  ended: 'Ended',
};
const status = z.preprocess(
  (raw) => {
    const v = blankToUndefined(raw);
    return typeof v === 'string' ? (STATUS_SPELLINGS[v.trim().toLowerCase()] ?? v.trim()) : v;
  },
  z.string({ error: 'must be text' }).max(50, 'must be at most 50 characters').default('Active'),
);

export const OpenHouse = z
  .looseObject({
    OpenHouseKey: key(),
    ListingKey: key(),
    OpenHouseStartTime: timestamp(),
    OpenHouseEndTime: timestamp().optional(),
    OpenHouseDate: z.preprocess(blankToUndefined, z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional()),
    OpenHouseStatus: status,
    /** Public, Broker, Office, Association, Private. */
    OpenHouseType: text(50),
    OpenHouseRemarks: text(4000),
    ModificationTimestamp: timestamp(),
  })
  .refine((o) => !o.OpenHouseEndTime || o.OpenHouseEndTime > o.OpenHouseStartTime, {
    path: ['OpenHouseEndTime'],
    error: 'must be after OpenHouseStartTime',
    // Only between two valid times: a bad start is reported once, as itself.
    when: (payload) => payload.issues.length === 0,
  });
export type OpenHouse = z.infer<typeof OpenHouse>;

export const OPEN_HOUSE_ACTIVE = 'Active';
