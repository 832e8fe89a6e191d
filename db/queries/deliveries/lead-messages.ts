import { and, eq, isNotNull } from 'drizzle-orm';
import { deliveries, leadMessages } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Lead } from '../leads.ts';
import type { DeliveryRow } from './get-delivery.ts';

export type LeadMessageRow = typeof leadMessages.$inferSelect;

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
 * The delivery row plus what it says. A row already planned under the same key (a "Send to lead"
 * whose content is composed when it goes out) gets its content rather than a twin: the key names
 * one intended message.
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

/** What a delivery to a lead says; undefined until it was composed. */
export async function leadMessageOf(db: Executor, deliveryId: string): Promise<LeadMessageRow | undefined> {
  const [row] = await db.select().from(leadMessages).where(eq(leadMessages.deliveryId, deliveryId));
  return row;
}

export type LeadMessageInput = Omit<CreateLeadMessageInput, 'recipient' | 'leadId'> & {
  lead: Pick<Lead, 'id' | 'phone' | 'email'>;
};

/**
 * Step one of every message to a lead: the delivery row and its content, in the caller's
 * transaction, so the message exists exactly when the state that produced it does. Nothing leaves
 * the process here; the delivery pipeline sends it after commit. Null when the lead has no
 * address on that channel.
 * @example
 * await queueLeadMessage(tx, { tenantId, lead, channel: 'sms', idempotencyKey, purpose: 'reply', automated, body })
 */
export async function queueLeadMessage(db: Executor, input: LeadMessageInput): Promise<DeliveryRow | null> {
  const recipient = input.channel === 'sms' ? input.lead.phone : input.lead.email?.toLowerCase();
  if (!recipient) return null;
  const { lead, ...rest } = input;
  return createLeadMessage(db, { ...rest, leadId: lead.id, recipient });
}
