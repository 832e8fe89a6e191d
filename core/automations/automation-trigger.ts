import { z } from 'zod';
import { Weekday } from '../alerts/working-hours.ts';

/** What can start an automation: one `event` name per kind of thing that happened to a lead (or a time). */
export const TRIGGER_EVENTS = [
  'lead_created',
  'message_received',
  'score_crossed',
  'signal_raised',
  'stage_changed',
  'tag_added',
  'tag_removed',
  'listing_event',
  'no_inbound',
  'no_human_contact',
  'schedule',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

const names = z.array(z.string().min(1)).min(1);
const HH_MM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 24-hour, in the team time zone');

/** The `when` of a rule: which event starts it, narrowed by the event's own attributes. */
export const AutomationWhen = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('lead_created'), sources: names.optional() }),
  z.strictObject({
    event: z.literal('message_received'),
    intents: z
      .array(z.enum(['wants_showing', 'pre_approved', 'asks_for_person', 'just_browsing', 'unknown']))
      .optional(),
    channels: names.optional(),
  }),
  z.strictObject({ event: z.literal('score_crossed'), band: z.enum(['hot', 'warm', 'cold']) }),
  z.strictObject({
    event: z.literal('signal_raised'),
    signals: z
      .array(z.enum(['showing_request', 'listing_burst', 'reply_after_silence', 'asks_for_person', 'became_hot']))
      .optional(),
  }),
  z.strictObject({ event: z.literal('stage_changed'), stages: names.optional(), statuses: names.optional() }),
  z.strictObject({ event: z.literal('tag_added'), tags: names.optional() }),
  z.strictObject({ event: z.literal('tag_removed'), tags: names.optional() }),
  z.strictObject({
    event: z.literal('listing_event'),
    changes: z.array(z.enum(['price_drop', 'back_on_market', 'open_house', 'new_listing'])).optional(),
    /** Who counts: leads whose saved search matched the home, leads who viewed it, or either (default). */
    leads: z.enum(['matched', 'viewed', 'matched_or_viewed']).default('matched_or_viewed'),
  }),
  z.strictObject({ event: z.literal('no_inbound'), days: z.number().positive().max(365) }),
  z.strictObject({
    event: z.literal('no_human_contact'),
    hours: z
      .number()
      .positive()
      .max(24 * 90),
  }),
  z.strictObject({ event: z.literal('schedule'), at: HH_MM, days: z.array(Weekday).min(1).optional() }),
]);
export type AutomationWhen = z.infer<typeof AutomationWhen>;

/**
 * One thing that happened, as the engine sees it. `occurrence` names it for idempotency: a run is unique per
 * (rule version, lead, occurrence), so a redelivered event or a second tick starts nothing more.
 */
export const TriggerOccurrence = z.object({
  event: z.enum(TRIGGER_EVENTS),
  occurrence: z.string().min(1).max(300),
  at: z.iso.datetime({ offset: true }),
  source: z.string().nullish(),
  intent: z.string().nullish(),
  channel: z.string().nullish(),
  band: z.string().nullish(),
  signal: z.string().nullish(),
  stageId: z.string().nullish(),
  status: z.string().nullish(),
  tag: z.string().nullish(),
  listingKey: z.string().nullish(),
  openHouseKey: z.string().nullish(),
  change: z.string().nullish(),
  matched: z.boolean().nullish(),
  viewed: z.boolean().nullish(),
  /** Rules whose actions led to this event (loop protection): each of them skips it. */
  causedBy: z.array(z.string()).default([]),
});
export type TriggerOccurrence = z.input<typeof TriggerOccurrence>;
export type ParsedTrigger = z.output<typeof TriggerOccurrence>;

const eqi = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
const anyOf = (list: string[] | undefined, value: string | null | undefined) =>
  !list || list.some((x) => eqi(value, x));

/**
 * Does this rule's `when` take this occurrence? Time-based events (`no_inbound`, `no_human_contact`,
 * `schedule`) are found by the tick, which only hands a rule the leads its threshold selected.
 * @example triggerMatches({ event: 'tag_added', tags: ['vip'] }, { event: 'tag_added', tag: 'VIP', ... }) // true
 */
export function triggerMatches(when: AutomationWhen, t: ParsedTrigger): boolean {
  if (when.event !== t.event) return false;
  switch (when.event) {
    case 'lead_created':
      return anyOf(when.sources, t.source);
    case 'message_received':
      return anyOf(when.intents, t.intent) && anyOf(when.channels, t.channel);
    case 'score_crossed':
      return eqi(t.band, when.band);
    case 'signal_raised':
      return anyOf(when.signals, t.signal);
    case 'stage_changed':
      return anyOf(when.stages, t.stageId) && anyOf(when.statuses, t.status);
    case 'tag_added':
    case 'tag_removed':
      return anyOf(when.tags, t.tag);
    case 'listing_event':
      return (
        anyOf(when.changes, t.change) &&
        (when.leads === 'matched'
          ? Boolean(t.matched)
          : when.leads === 'viewed'
            ? Boolean(t.viewed)
            : Boolean(t.matched || t.viewed))
      );
    case 'no_inbound':
    case 'no_human_contact':
    case 'schedule':
      return true;
  }
}
