import { z } from 'zod';

export const SendgridEventKind = z.enum([
  'processed',
  'deferred',
  'delivered',
  'open',
  'click',
  'bounce',
  'dropped',
  'spamreport',
  'unsubscribe',
  'group_unsubscribe',
  'group_resubscribe',
]);
export type SendgridEventKind = z.infer<typeof SendgridEventKind>;

/** One Event Webhook event in our vocabulary. */
export const SendgridEvent = z.object({
  kind: SendgridEventKind,
  /** Dedupe key (unique per event). */
  sgEventId: z.string(),
  sgMessageId: z.string().optional(),
  email: z.string(),
  occurredAt: z.date(),
  categories: z.array(z.string()),
  /** The custom_args we sent (tenant/lead/alert ids), echoed by SendGrid as top-level keys. */
  customArgs: z.record(z.string(), z.string()),
  url: z.string().optional(),
  reason: z.string().optional(),
  /** delivered/deferred: the receiving server's answer. */
  response: z.string().optional(),
  /** bounce/dropped: SMTP enhanced status code, e.g. "5.0.0". */
  smtpStatus: z.string().optional(),
  bounceType: z.string().optional(),
  asmGroupId: z.number().optional(),
});
export type SendgridEvent = z.infer<typeof SendgridEvent>;

/** Engagement feeds the lead score; these take the address out of future sends. */
export const SUPPRESSING_EVENTS: ReadonlySet<SendgridEventKind> = new Set([
  'bounce',
  'dropped',
  'spamreport',
  'unsubscribe',
  'group_unsubscribe',
]);
export const ENGAGEMENT_EVENTS: ReadonlySet<SendgridEventKind> = new Set(['delivered', 'open', 'click']);

const Raw = z.looseObject({
  event: z.string(),
  email: z.string(),
  // Unix seconds; past year 9999 a date no longer has a four-digit year PostgreSQL or ISO 8601 readers accept.
  timestamp: z.number().int().min(0).max(253_402_300_799),
  sg_event_id: z.string().min(1),
  sg_message_id: z.string().optional(),
  category: z.union([z.string(), z.array(z.string())]).optional(),
  url: z.string().optional(),
  reason: z.string().optional(),
  response: z.string().optional(),
  status: z.string().optional(),
  type: z.string().optional(),
  asm_group_id: z.number().optional(),
});

// Every documented field that is not a custom arg (docs: "Event Webhook reference", common + per-event keys).
const KNOWN_KEYS = new Set([
  'event',
  'email',
  'timestamp',
  'smtp-id',
  'sg_event_id',
  'sg_message_id',
  'category',
  'url',
  'reason',
  'response',
  'status',
  'type',
  'attempt',
  'useragent',
  'ip',
  'asm_group_id',
  'tls',
  'cert_err',
  'marketing_campaign_id',
  'marketing_campaign_name',
  'pool',
  'sg_machine_open',
  'url_offset',
  'bounce_classification',
  'send_at',
  'sg_template_id',
  'sg_template_name',
  'sg_user_id',
]);

export interface ParsedSendgridEvents {
  events: SendgridEvent[];
  /** Events we cannot read (schema drift, unknown kind): kept for quarantine with the reason. */
  rejected: Array<{ index: number; reason: string; raw: unknown }>;
}

/**
 * Turns an Event Webhook POST body (a JSON array, already signature-checked) into typed events.
 * One odd event never sinks the batch: SendGrid retries the whole batch on a non-2xx for 24 h.
 */
export function parseSendgridEvents(body: unknown): ParsedSendgridEvents {
  if (!Array.isArray(body))
    return { events: [], rejected: [{ index: -1, reason: 'body is not a JSON array of events', raw: body }] };
  const out: ParsedSendgridEvents = { events: [], rejected: [] };
  body.forEach((raw, index) => {
    const r = Raw.safeParse(raw);
    const kind = r.success ? SendgridEventKind.safeParse(r.data.event) : undefined;
    if (!r.success || !kind?.success) {
      out.rejected.push({
        index,
        raw,
        reason: r.success
          ? `unknown event "${r.data.event}"`
          : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    const e = r.data;
    const customArgs = Object.fromEntries(
      Object.entries(e).filter(([k, v]) => !KNOWN_KEYS.has(k) && typeof v === 'string'),
    ) as Record<string, string>;
    out.events.push({
      kind: kind.data,
      sgEventId: e.sg_event_id,
      ...(e.sg_message_id ? { sgMessageId: e.sg_message_id } : {}),
      email: e.email,
      occurredAt: new Date(e.timestamp * 1000),
      categories: e.category === undefined ? [] : Array.isArray(e.category) ? e.category : [e.category],
      customArgs,
      ...(e.url !== undefined ? { url: e.url } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      ...(e.response !== undefined ? { response: e.response } : {}),
      ...(e.status !== undefined ? { smtpStatus: e.status } : {}),
      ...(e.type !== undefined ? { bounceType: e.type } : {}),
      ...(e.asm_group_id !== undefined ? { asmGroupId: e.asm_group_id } : {}),
    });
  });
  return out;
}
