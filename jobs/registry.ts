import { z } from 'zod';

/**
 * Every queue in one catalogue: name, payload schema, retry policy. Handlers live in
 * jobs/handlers/<queue-name>.ts and are listed in jobs/handlers/index.ts.
 * Any folder may import this file to enqueue work (see jobs/queue.ts).
 */
const tenantId = z.string().min(1);

interface RetryPolicy {
  retryLimit: number;
  /** seconds before the first retry; doubles each time with `retryBackoff` */
  retryDelay: number;
  retryBackoff: boolean;
  retryDelayMax?: number;
  expireInSeconds?: number;
  /** cron expression for scheduled queues */
  cron?: string;
  /** how many jobs one worker runs at once */
  concurrency?: number;
  /** seconds without a worker heartbeat before pg-boss retries an active job (a dead worker) */
  heartbeatSeconds?: number;
}

const standard: RetryPolicy = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 300,
  concurrency: 4,
};
const fast: RetryPolicy = { ...standard, retryDelay: 1, concurrency: 8 };
const cron = (expr: string): RetryPolicy => ({
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 900,
  cron: expr,
  concurrency: 1,
});

export const QUEUES = {
  'ghl.event': { schema: z.object({ inboundEventId: z.string() }), policy: fast },
  'crm.event': { schema: z.object({ inboundEventId: z.string() }), policy: fast },
  'lead.score': { schema: z.object({ tenantId, leadId: z.string(), trigger: z.string().optional() }), policy: fast },
  'listing.changed': {
    schema: z.object({ tenantId, listingKey: z.string(), changeId: z.string(), changeType: z.string() }),
    policy: fast,
  },
  'listing.match': {
    schema: z.discriminatedUnion('direction', [
      z.object({ direction: z.literal('listing'), tenantId, listingKey: z.string(), changeId: z.string() }),
      z.object({ direction: z.literal('search'), tenantId, savedSearchId: z.string() }),
    ]),
    policy: standard,
  },
  'listing.sync': { schema: z.object({ tenantId: tenantId.optional() }), policy: cron('*/15 * * * *') },
  'alert.route': { schema: z.object({ tenantId, alertId: z.string() }), policy: fast },
  /** one job per channel delivery; the delivery row's idempotency key = alert id + channel + recipient */
  'alert.deliver': {
    schema: z.object({ tenantId, deliveryId: z.string() }),
    policy: { ...fast, retryLimit: 6, heartbeatSeconds: 10 },
  },
  /** re-render every posted copy of an alert after someone acted on it */
  'alert.refresh': { schema: z.object({ tenantId, alertId: z.string() }), policy: fast },
  'alert.escalate': { schema: z.object({}).passthrough(), policy: cron('* * * * *') },
  'digest.send': {
    schema: z
      .object({ frequency: z.enum(['daily', 'weekly']).optional(), tenantId: tenantId.optional() })
      .passthrough(),
    policy: cron('0 * * * *'),
  },
  'ghl.writeback': {
    schema: z.object({
      tenantId,
      locationId: z.string().optional(),
      op: z.string(),
      args: z.record(z.string(), z.unknown()),
    }),
    policy: { ...standard, retryLimit: 8 },
  },
  'ghl.reconcile': { schema: z.object({ tenantId: tenantId.optional() }).passthrough(), policy: cron('17 3 * * *') },
  'model.train': { schema: z.object({ tenantId: tenantId.optional() }).passthrough(), policy: cron('41 2 * * *') },
  maintenance: { schema: z.object({}).passthrough(), policy: cron('*/10 * * * *') },
  'sms.inbound': { schema: z.object({ inboundEventId: z.string() }), policy: fast },
  'sms.status': { schema: z.object({ inboundEventId: z.string() }), policy: fast },
  'email.event': { schema: z.object({ inboundEventId: z.string() }), policy: standard },
  /** a text to a lead held back by quiet hours (or a retried send); the delivery row holds the message */
  'sms.send': { schema: z.object({ tenantId, deliveryId: z.string() }), policy: standard },
  'chat.action': {
    schema: z.object({ tenantId, platform: z.string(), payload: z.record(z.string(), z.unknown()) }),
    policy: fast,
  },
} as const satisfies Record<string, { schema: z.ZodType; policy: RetryPolicy }>;

export type QueueName = keyof typeof QUEUES;
export type JobPayload<Q extends QueueName> = z.infer<(typeof QUEUES)[Q]['schema']>;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
/** Jobs that exhaust their retries land here; `porchlight dlq replay` redrives them to their source queue. */
export const DEAD_LETTER_QUEUE = 'dead-letter';
