import { z } from 'zod';

export const ActivityKind = z.enum([
  'message',
  'call',
  'voicemail',
  'email_open',
  'email_click',
  'listing_view',
  'listing_save',
  /** "I'd like to see it" on the listing page we link leads to. */
  'showing_request',
  'stage_change',
  'appointment',
  'note',
  'task',
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const SnapshotActivity = z.object({
  kind: ActivityKind,
  direction: z.enum(['inbound', 'outbound']).nullable().optional(),
  /** true when a person on the team did it (not an automation): only this counts as human contact. */
  human: z.boolean().nullable().optional(),
  occurredAt: z.coerce.date(),
  /** When we learned of it. A webhook delivered late still carries news the last score never saw. */
  recordedAt: z.coerce.date().optional(),
  listingKey: z.string().optional(),
  /** Where a saved listing is (its city, else postal code): two saves in one area say where she wants to live. */
  area: z.string().optional(),
  /** Message text, when the caller has it: lets signal detection spot a showing request. */
  body: z.string().optional(),
});
export type SnapshotActivity = z.infer<typeof SnapshotActivity>;

export const SnapshotFact = z.object({
  kind: z.string(),
  value: z.unknown(),
  /** When it was said. */
  at: z.coerce.date(),
  /** When we read it: a fact read after the last score is news to signals. */
  recordedAt: z.coerce.date().optional(),
});
export type SnapshotFact = z.infer<typeof SnapshotFact>;

/**
 * Everything scoring needs to know about one lead, as plain data. The database layer builds it
 * from `leads`, `lead_activities`, `opportunities` and saved searches; core never reads rows.
 */
export const LeadSnapshot = z.object({
  leadId: z.string(),
  source: z.string().nullable().optional(),
  preApproved: z.boolean().nullable().optional(),
  budgetMin: z.number().nullable().optional(),
  budgetMax: z.number().nullable().optional(),
  timelineMonths: z.number().nullable().optional(),
  areas: z.array(z.string()).default([]),
  beds: z.number().nullable().optional(),
  tags: z.array(z.string()).default([]),
  createdAt: z.coerce.date(),
  lastHumanContactAt: z.coerce.date().nullable().optional(),
  activities: z.array(SnapshotActivity).default([]),
  /** What the lead said (lead_facts), the current statement per kind: a showing request scores and signals. */
  facts: z.array(SnapshotFact).optional(),
  savedSearchCount: z.number().int().min(0).default(0),
  /** Active listings matching the lead's budget and criteria (the matching engine counts them). */
  matchingListingCount: z.number().int().min(0).nullable().optional(),
  opportunity: z
    .object({
      stage: z.string().nullable().optional(),
      /** GHL: open | won | lost | abandoned */
      status: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
export type LeadSnapshot = z.infer<typeof LeadSnapshot>;
