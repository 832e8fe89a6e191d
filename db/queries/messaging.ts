import { normalizeCity } from './saved-searches.ts';
import { and, desc, eq, gte, inArray, isNotNull, isNull, notExists, or, sql, lt } from 'drizzle-orm';
import {
  agents,
  alertAssignments,
  auditLog,
  deliveries,
  digestItems,
  emailEngagement,
  leadMessages,
  leads,
  listings,
  matches,
  messageDrafts,
  savedSearches,
} from '../schema/index.ts';
import type { Executor } from '../client.ts';
import type { DeliveryRow } from './deliveries.ts';

export type LeadMessageRow = typeof leadMessages.$inferSelect;
export type EmailEngagementRow = typeof emailEngagement.$inferSelect;

export interface CreateLeadMessageInput {
  tenantId: string;
  leadId: string;
  channel: 'sms' | 'email';
  recipient: string;
  /** Unique per intended message; asking twice yields the first row (retries never double-send). */
  idempotencyKey: string;
  alertId?: string | null;
  purpose: string;
  automated: boolean;
  body?: string | null;
  subject?: string | null;
  html?: string | null;
  replyToAt?: Date | null;
  customArgs?: Record<string, string>;
}

/**
 * The delivery row plus what it says. An `alert.deliver` row created by the orchestrator under the
 * same idempotency key is adopted rather than duplicated: the key names one intended message.
 */
export async function createLeadMessage(db: Executor, input: CreateLeadMessageInput): Promise<DeliveryRow> {
  await db
    .insert(deliveries)
    .values({
      tenantId: input.tenantId,
      alertId: input.alertId ?? null,
      idempotencyKey: input.idempotencyKey,
      channel: input.channel,
      recipient: input.recipient,
      recipientKind: 'lead',
      status: 'pending',
    })
    .onConflictDoNothing({ target: deliveries.idempotencyKey });
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.idempotencyKey, input.idempotencyKey));
  await db
    .insert(leadMessages)
    .values({
      deliveryId: delivery.id,
      tenantId: input.tenantId,
      leadId: input.leadId,
      purpose: input.purpose,
      automated: input.automated,
      body: input.body ?? null,
      subject: input.subject ?? null,
      html: input.html ?? null,
      replyToAt: input.replyToAt ?? null,
      customArgs: input.customArgs ?? {},
    })
    .onConflictDoNothing({ target: leadMessages.deliveryId });
  return delivery;
}

export async function getLeadMessage(
  db: Executor,
  deliveryId: string,
): Promise<{ delivery: DeliveryRow; message: LeadMessageRow } | undefined> {
  const [row] = await db
    .select({ delivery: deliveries, message: leadMessages })
    .from(deliveries)
    .innerJoin(leadMessages, eq(leadMessages.deliveryId, deliveries.id))
    .where(eq(deliveries.id, deliveryId));
  return row;
}

/**
 * Takes a delivery for sending: only one worker can move it out of pending/deferred, so two
 * attempts racing on one message (a retried job and a redelivered one) send it once. A row that
 * alert.deliver recorded as `sent` with our `deferredUntil` ref (its contract has no "deferred"
 * result) and no provider id is still waiting for quiet hours to end, so it is claimable too.
 */
/** A send that has said nothing for this long died with its worker; the message is claimable again. */
export const SENDING_LEASE_MS = 2 * 60_000;

export async function claimDeliveryForSend(db: Executor, id: string, now: Date): Promise<boolean> {
  // Re-claiming a stale `sending` row risks one duplicate text after a crash; not re-claiming it
  // would lose the message for good. For a lead, one late duplicate is the lesser harm.
  const waiting = or(
    inArray(deliveries.status, ['pending', 'deferred']),
    and(eq(deliveries.status, 'sent'), isNull(deliveries.providerMessageId), sql`${deliveries.ref} ? 'deferredUntil'`),
    and(eq(deliveries.status, 'sending'), lt(deliveries.updatedAt, new Date(now.getTime() - SENDING_LEASE_MS))),
  );
  const rows = await db
    .update(deliveries)
    .set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, updatedAt: now })
    .where(and(eq(deliveries.id, id), waiting))
    .returning({ id: deliveries.id });
  return rows.length === 1;
}

export async function updateDelivery(
  db: Executor,
  id: string,
  fields: Partial<typeof deliveries.$inferInsert>,
): Promise<void> {
  await db
    .update(deliveries)
    .set({ ...fields, updatedAt: fields.updatedAt ?? new Date() })
    .where(eq(deliveries.id, id));
}

/** Has this number ever been handed an automated text by us? (Decides the one-time opt-out line.) */
export async function hasAutomatedSmsTo(db: Executor, tenantId: string, phone: string): Promise<boolean> {
  const [row] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .innerJoin(leadMessages, eq(leadMessages.deliveryId, deliveries.id))
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        eq(deliveries.channel, 'sms'),
        eq(deliveries.recipient, phone),
        eq(leadMessages.automated, true),
        isNotNull(deliveries.providerMessageId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Provider statuses in the order a message lives them. Callbacks arrive out of order (Twilio says
 * so), so a status only moves forward: a late `sent` never overwrites `delivered`, and nothing a
 * provider says overrides our own `suppressed`.
 */
export const STATUS_RANK: Record<string, number> = {
  pending: 0,
  deferred: 0,
  sending: 1,
  sent: 2,
  failed: 3,
  undelivered: 3,
  delivered: 4,
  read: 5,
  suppressed: 9,
};
const rankOf = sql.raw(
  `(CASE "status" ${Object.entries(STATUS_RANK)
    .map(([s, r]) => `WHEN '${s}' THEN ${r}`)
    .join(' ')} ELSE 0 END)`,
);

/** Applies a provider status callback to the delivery with that provider id; false when it was stale or unknown. */
export async function applyProviderStatus(
  db: Executor,
  input: {
    channel: 'sms' | 'email';
    status: string;
    error?: string | null;
    at: Date;
  } & ({ providerMessageId: string } | { deliveryId: string }),
): Promise<DeliveryRow | undefined> {
  const rank = STATUS_RANK[input.status];
  if (rank === undefined) return undefined;
  const target =
    'deliveryId' in input
      ? eq(deliveries.id, input.deliveryId)
      : eq(deliveries.providerMessageId, input.providerMessageId);
  const [row] = await db
    .update(deliveries)
    .set({
      status: input.status,
      statusAt: input.at,
      updatedAt: input.at,
      ...(input.error ? { error: input.error } : {}),
    })
    .where(and(eq(deliveries.channel, input.channel), target, sql`${rankOf} < ${rank}`))
    .returning();
  return row;
}

export async function deliveryByProviderId(
  db: Executor,
  channel: string,
  providerMessageId: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.channel, channel), eq(deliveries.providerMessageId, providerMessageId)));
  return row;
}

export async function findAgentByPhone(db: Executor, tenantId: string, phone: string) {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.phone, phone), eq(agents.active, true)))
    .limit(1);
  return row;
}

/** The alert an agent's "1"/"2" answers: the newest one we texted them. */
export async function latestAgentSmsAlert(db: Executor, tenantId: string, phone: string): Promise<string | undefined> {
  const [row] = await db
    .select({ alertId: deliveries.alertId })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        eq(deliveries.channel, 'sms'),
        eq(deliveries.recipientKind, 'agent'),
        eq(deliveries.recipient, phone),
        isNotNull(deliveries.alertId),
      ),
    )
    .orderBy(desc(deliveries.createdAt))
    .limit(1);
  return row?.alertId ?? undefined;
}

/** One SMS-born saved search per lead, refined as the conversation goes on. */
export async function upsertSmsSavedSearch(
  db: Executor,
  input: {
    tenantId: string;
    leadId: string;
    minPrice?: number;
    maxPrice?: number;
    minBeds?: number;
    cities: string[];
    postalCodes: string[];
  },
): Promise<string> {
  const values = {
    minPrice: input.minPrice ?? null,
    maxPrice: input.maxPrice ?? null,
    minBeds: input.minBeds ?? null,
    cities: [...new Set(input.cities.map(normalizeCity))],
    postalCodes: input.postalCodes,
    updatedAt: new Date(),
  };
  const [existing] = await db
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(
      and(
        eq(savedSearches.tenantId, input.tenantId),
        eq(savedSearches.leadId, input.leadId),
        eq(savedSearches.origin, 'sms'),
        eq(savedSearches.active, true),
      ),
    )
    .limit(1);
  if (existing) {
    await db.update(savedSearches).set(values).where(eq(savedSearches.id, existing.id));
    return existing.id;
  }
  const [row] = await db
    .insert(savedSearches)
    .values({
      tenantId: input.tenantId,
      leadId: input.leadId,
      origin: 'sms',
      name: 'From text conversation',
      ...values,
    })
    .returning({ id: savedSearches.id });
  return row.id;
}

export async function createDraft(
  db: Executor,
  input: { tenantId: string; leadId: string; body: string; inboundEventId: string },
): Promise<string> {
  const [row] = await db.insert(messageDrafts).values(input).returning({ id: messageDrafts.id });
  return row.id;
}

export async function attachDraftAlert(db: Executor, draftId: string, alertId: string): Promise<void> {
  await db.update(messageDrafts).set({ alertId }).where(eq(messageDrafts.id, draftId));
}

export async function getEmailEngagement(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<EmailEngagementRow | undefined> {
  const [row] = await db
    .select()
    .from(emailEngagement)
    .where(and(eq(emailEngagement.tenantId, tenantId), eq(emailEngagement.leadId, leadId)));
  return row;
}

export async function saveEmailEngagement(db: Executor, row: typeof emailEngagement.$inferInsert): Promise<void> {
  const { tenantId, leadId, ...rest } = row;
  await db
    .insert(emailEngagement)
    .values(row)
    .onConflictDoUpdate({
      target: [emailEngagement.tenantId, emailEngagement.leadId],
      set: { ...rest, updatedAt: new Date() },
    });
}

/** Sets every active saved search of a lead to one frequency (frequency step-down / restore). */
export async function setLeadSearchFrequency(
  db: Executor,
  tenantId: string,
  leadId: string,
  frequency: 'instant' | 'daily' | 'weekly',
): Promise<void> {
  await db
    .update(savedSearches)
    .set({ frequency, updatedAt: new Date() })
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.leadId, leadId), eq(savedSearches.active, true)));
}

export interface DigestMatch {
  matchId: string;
  tenantId: string;
  leadId: string;
  listingKey: string;
  score: number;
  breakdown: Array<{ factor: string; score: number; weight: number; text: string }>;
  listing: typeof listings.$inferSelect;
}

/**
 * Matches on daily/weekly searches that no digest has carried yet (a digest_items row with
 * sent_at marks one as carried), newest window only, best first.
 */
export async function undigestedMatches(
  db: Executor,
  input: { frequency: 'daily' | 'weekly'; since: Date; tenantId?: string },
): Promise<DigestMatch[]> {
  const carried = db
    .select({ one: sql`1` })
    .from(digestItems)
    .where(
      and(eq(digestItems.matchId, matches.id), eq(digestItems.recipientKind, 'lead'), isNotNull(digestItems.sentAt)),
    );
  const rows = await db
    .select({ m: matches, listing: listings })
    .from(matches)
    .innerJoin(savedSearches, eq(savedSearches.id, matches.savedSearchId))
    .innerJoin(listings, and(eq(listings.tenantId, matches.tenantId), eq(listings.listingKey, matches.listingKey)))
    .innerJoin(leads, eq(leads.id, matches.leadId))
    .where(
      and(
        eq(savedSearches.frequency, input.frequency),
        eq(savedSearches.active, true),
        gte(matches.createdAt, input.since),
        isNull(leads.deletedAt),
        notExists(carried),
        input.tenantId ? eq(matches.tenantId, input.tenantId) : undefined,
      ),
    )
    .orderBy(desc(matches.score));
  return rows.map(({ m, listing }) => ({
    matchId: m.id,
    tenantId: m.tenantId,
    leadId: m.leadId,
    listingKey: m.listingKey,
    score: m.score,
    breakdown: m.breakdown,
    listing,
  }));
}

export async function markDigested(
  db: Executor,
  input: { tenantId: string; leadId: string; matchIds: string[]; reason: string; at: Date },
): Promise<void> {
  if (input.matchIds.length === 0) return;
  await db.insert(digestItems).values(
    input.matchIds.map((matchId) => ({
      tenantId: input.tenantId,
      recipientKind: 'lead' as const,
      recipientId: input.leadId,
      matchId,
      reason: input.reason,
      sentAt: input.at,
    })),
  );
}

/** An agent said "2" to an SMS alert: kept in the alert's history so routing/escalation can skip them. */
export async function recordAlertPass(
  db: Executor,
  input: { tenantId: string; alertId: string; agentId: string },
): Promise<void> {
  await db.insert(alertAssignments).values({
    tenantId: input.tenantId,
    alertId: input.alertId,
    agentId: input.agentId,
    kind: 'pass',
    actorId: input.agentId,
    reason: 'passed by SMS',
  });
  await db.insert(auditLog).values({
    tenantId: input.tenantId,
    entity: 'alert',
    entityId: input.alertId,
    action: 'pass',
    actor: input.agentId,
    reason: 'passed by SMS',
  });
}

export async function deliveryByKey(db: Executor, idempotencyKey: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.idempotencyKey, idempotencyKey));
  return row;
}

/** The cadence a lead chose on their searches (the most frequent wins); null without an active search. */
export async function leadSearchFrequency(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<'instant' | 'daily' | 'weekly' | null> {
  const rows = await db
    .select({ frequency: savedSearches.frequency })
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.leadId, leadId), eq(savedSearches.active, true)));
  const order = ['instant', 'daily', 'weekly'] as const;
  return order.find((f) => rows.some((r) => r.frequency === f)) ?? null;
}

export async function getListingRow(db: Executor, tenantId: string, listingKey: string) {
  const [row] = await db
    .select()
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), eq(listings.listingKey, listingKey)));
  return row;
}

export async function getMatchBreakdown(db: Executor, matchId: string) {
  const [row] = await db.select({ breakdown: matches.breakdown }).from(matches).where(eq(matches.id, matchId));
  return row?.breakdown ?? [];
}
