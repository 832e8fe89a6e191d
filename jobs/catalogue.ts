import { z } from 'zod';
import { AppError } from '../core/errors/app-error.ts';
import { defineJob, type RetryPolicy } from './define-job.ts';

/**
 * Every queue in one list: name, payload schema, retry policy and handler. Any folder may import
 * this file to enqueue work (see jobs/queue.ts); handlers are imported only when a job runs, through
 * `#job-handlers/<file>` (package.json "imports"): the edge Worker's bundler resolves that to a stand-in,
 * so code that only enqueues never bundles the handlers and their SDKs.
 *
 * Each handler module is typed from this list (`defineHandler('lead.score', ...)`), so the list's
 * own type must not depend on them: the annotated `Promise<void>` keeps TypeScript from reading the
 * handler module while it is still typing the list, and the call is checked against the schema after.
 */
const tenantId = z.string().min(1);

// Every queue heart-beats: a job held by a killed process is retried once its heartbeat is this many
// seconds stale (plus one monitor pass, JOB_MONITOR_SECONDS), not after its expiry. 10 is pg-boss's floor.
const standard: RetryPolicy = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 300,
  heartbeatSeconds: 10,
  concurrency: 4,
};
const fast: RetryPolicy = { ...standard, retryDelay: 1, concurrency: 8 };
/** A queue that carries both lanes (core/inbound/job-lane.ts): a bulk backlog may use only a few of its slots. */
const shared: RetryPolicy = { ...fast, bulkConcurrency: 2 };
const cron = (expr: string): RetryPolicy => ({
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 900,
  // Long batch work (a feed sync, training): a little more slack for a busy event loop.
  heartbeatSeconds: 30,
  cron: expr,
  concurrency: 1,
});

export const JOBS = [
  defineJob({
    name: 'ghl.event',
    schema: z.object({ inboundEventId: z.string() }),
    // Events of one contact (one pg-boss group, set at ingest) are applied one at a time, in order.
    policy: { ...shared, groupConcurrency: 1 },
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/ghl-event')).default(data, ctx),
  }),
  defineJob({
    name: 'crm.event',
    schema: z.object({ inboundEventId: z.string() }),
    policy: shared,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/crm-event')).default(data, ctx),
  }),
  defineJob({
    name: 'lead.score',
    schema: z.object({
      tenantId,
      leadId: z.string(),
      trigger: z.string().optional(),
      /** When the inbound event behind this re-score reached us and was applied (ISO): an alert it raises keeps them. */
      receivedAt: z.iso.datetime({ offset: true }).optional(),
      appliedAt: z.iso.datetime({ offset: true }).optional(),
    }),
    // A burst of events on one lead is one re-score while it waits; one that has started is not waited for,
    // so the next event gets its own run at once (no debounce window on the hot path). A waiting re-score
    // that starts before the event folded into it commits still reads it: scoring locks the lead row, which
    // applying a message or a contact change writes in the same transaction.
    policy: { ...shared, queuePolicy: 'short' },
    coalesce: ({ leadId, trigger }) => `${leadId}:${trigger ?? ''}`,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/lead-score')).default(data, ctx),
  }),
  /** Reads the facts one inbound message states (AI when the tenant enabled it), then re-scores the lead. */
  defineJob({
    name: 'lead.facts',
    schema: z.object({
      tenantId,
      leadId: z.string(),
      activityId: z.string(),
      trigger: z.string(),
      receivedAt: z.iso.datetime({ offset: true }).optional(),
      appliedAt: z.iso.datetime({ offset: true }).optional(),
    }),
    policy: shared,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/lead-facts')).default(data, ctx),
  }),
  defineJob({
    name: 'listing.changed',
    schema: z.object({ tenantId, listingKey: z.string(), changeId: z.string(), changeType: z.string() }),
    policy: fast,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/listing-changed')).default(data, ctx),
  }),
  defineJob({
    name: 'listing.match',
    schema: z.discriminatedUnion('direction', [
      z.object({ direction: z.literal('listing'), tenantId, listingKey: z.string(), changeId: z.string() }),
      z.object({ direction: z.literal('search'), tenantId, savedSearchId: z.string() }),
    ]),
    policy: standard,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/listing-match')).default(data, ctx),
  }),
  /**
   * a new or price-dropped home on a lead's instant search, sent to her on her own (one per lead and listing
   * change); queued by `listing.match` in the transaction that stores the match
   */
  defineJob({
    name: 'lead.listing_send',
    schema: z.object({
      tenantId,
      leadId: z.string(),
      listingKey: z.string(),
      changeId: z.string(),
      matchId: z.string().nullish(),
      alertId: z.string().nullish(),
    }),
    policy: standard,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/lead-listing-send')).default(data, ctx),
  }),
  defineJob({
    name: 'listing.sync',
    schema: z.object({ tenantId: tenantId.optional() }),
    policy: cron('*/15 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/listing-sync')).default(data, ctx),
  }),
  defineJob({
    name: 'alert.route',
    schema: z.object({ tenantId, alertId: z.string() }),
    // Routings of one team take turns on its routing-state row lock: more than two at once would only hold
    // database connections while they wait for it, starving the rest of the chain (ghl.event, lead.score).
    policy: { ...fast, concurrency: 2 },
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/alert-route')).default(data, ctx),
  }),
  /** one job per channel delivery; the delivery row's idempotency key = alert id + channel + recipient */
  defineJob({
    name: 'alert.deliver',
    schema: z.object({ tenantId, deliveryId: z.string() }),
    // One copy per recipient at a time (jobs are grouped by channel + recipient): after a rate-limit
    // storm an agent's copies go out most urgent first, while other agents' copies run alongside.
    policy: { ...fast, retryLimit: 6, groupConcurrency: 1 },
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/alert-deliver')).default(data, ctx),
  }),
  /** re-render every posted copy of an alert after someone acted on it */
  defineJob({
    name: 'alert.refresh',
    schema: z.object({ tenantId, alertId: z.string() }),
    policy: fast,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/alert-refresh')).default(data, ctx),
  }),
  defineJob({
    name: 'alert.escalate',
    schema: z.object({}).passthrough(),
    policy: cron('* * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/alert-escalate')).default(data, ctx),
  }),
  defineJob({
    name: 'digest.send',
    schema: z
      .object({ frequency: z.enum(['daily', 'weekly']).optional(), tenantId: tenantId.optional() })
      .passthrough(),
    policy: cron('0 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/digest-send')).default(data, ctx),
  }),
  defineJob({
    name: 'ghl.writeback',
    schema: z.object({
      tenantId,
      locationId: z.string().optional(),
      op: z.string(),
      args: z.record(z.string(), z.unknown()),
    }),
    policy: { ...standard, retryLimit: 8 },
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/ghl-writeback')).default(data, ctx),
  }),
  defineJob({
    name: 'ghl.reconcile',
    schema: z.object({ tenantId: tenantId.optional() }).passthrough(),
    policy: cron('17 3 * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/ghl-reconcile')).default(data, ctx),
  }),
  defineJob({
    name: 'model.train',
    schema: z.object({ tenantId: tenantId.optional() }).passthrough(),
    policy: cron('41 2 * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/model-train')).default(data, ctx),
  }),
  /**
   * the daily sweep: hourly, each team past its local 06:00 gets one job per day (leads not swept that day are
   * re-scored: decay, stale-lead alerts); each page of 500 leads queues the next, so a crash resumes at its page
   */
  defineJob({
    name: 'lead.sweep',
    schema: z
      .object({
        tenantId: tenantId.optional(),
        day: z.iso.date().optional(),
        after: z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.string() }).optional(),
      })
      .passthrough(),
    policy: cron('20 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/lead-sweep')).default(data, ctx),
  }),
  /**
   * the weekly alert report, Monday 08:00 team time: every quarter hour (UTC) meets 08:00 in every zone, even
   * a half- or quarter-hour one; a delivery keyed by team and ISO week posts it once per week
   */
  defineJob({
    name: 'report.weekly',
    schema: z.object({ tenantId: tenantId.optional() }).passthrough(),
    policy: cron('*/15 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/report-weekly')).default(data, ctx),
  }),
  /** one event that may start the team's automations for one lead (core/automations); queued where it happened */
  defineJob({
    name: 'automation.trigger',
    schema: z.object({
      tenantId,
      leadId: z.string(),
      trigger: z.record(z.string(), z.unknown()),
    }),
    policy: shared,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/automation-trigger')).default(data, ctx),
  }),
  /** the next step of one automation run: now, or when its wait is over (a delayed job) */
  defineJob({
    name: 'automation.step',
    schema: z.object({ tenantId, runId: z.string(), position: z.number().int().min(0) }),
    policy: shared,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/automation-step')).default(data, ctx),
  }),
  /** time-based automations: leads quiet for N days, without human contact for N hours, and schedules */
  defineJob({
    name: 'automation.tick',
    schema: z.object({ tenantId: tenantId.optional() }).passthrough(),
    policy: cron('*/5 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/automation-tick')).default(data, ctx),
  }),
  defineJob({
    name: 'maintenance',
    schema: z.object({}).passthrough(),
    policy: cron('*/10 * * * *'),
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/maintenance')).default(data, ctx),
  }),
  defineJob({
    name: 'sms.inbound',
    schema: z.object({ inboundEventId: z.string() }),
    policy: fast,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/sms-inbound')).default(data, ctx),
  }),
  defineJob({
    name: 'sms.status',
    schema: z.object({ inboundEventId: z.string() }),
    policy: fast,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/sms-status')).default(data, ctx),
  }),
  defineJob({
    name: 'email.event',
    schema: z.object({ inboundEventId: z.string() }),
    policy: standard,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/email-event')).default(data, ctx),
  }),
  /** a text to a lead held back by quiet hours (or a retried send); the delivery row holds the message */
  defineJob({
    name: 'sms.send',
    schema: z.object({ tenantId, deliveryId: z.string() }),
    policy: standard,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/sms-send')).default(data, ctx),
  }),
  defineJob({
    name: 'chat.action',
    // The stored interaction; jobs queued before chat ingress was stored carry the work themselves.
    schema: z.union([
      z.object({ inboundEventId: z.string() }),
      z.object({ tenantId, platform: z.string(), payload: z.record(z.string(), z.unknown()) }),
    ]),
    policy: fast,
    handler: async (data, ctx): Promise<void> => (await import('#job-handlers/chat-action')).default(data, ctx),
  }),
] as const;

export type CatalogueJob = (typeof JOBS)[number];
export type QueueName = CatalogueJob['name'];
export type JobOf<Q extends QueueName> = Extract<CatalogueJob, { name: Q }>;
export type JobPayload<Q extends QueueName> = z.output<JobOf<Q>['schema']>;
export const QUEUE_NAMES: readonly QueueName[] = JOBS.map((job) => job.name);
/** Jobs that exhaust their retries land here; `porchlight dlq replay` redrives them to their source queue. */
export const DEAD_LETTER_QUEUE = 'dead-letter';

/** @example jobByName('alert.deliver').policy.retryLimit */
export function jobByName<Q extends QueueName>(name: Q): JobOf<Q> {
  const job = JOBS.find((entry): entry is JobOf<Q> => entry.name === name);
  if (!job) throw new AppError('not_found', `jobs/catalogue.ts has no queue named ${name}`);
  return job;
}
