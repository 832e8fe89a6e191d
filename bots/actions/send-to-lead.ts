import { and, eq } from 'drizzle-orm';
import { auditLog, leads } from '../../db/schema/index.ts';
import { getAlert } from '../../db/queries/alerts.ts';
import { createDelivery } from '../../db/queries/deliveries.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from '../commands/command-context.ts';

const LISTING_KINDS = new Set(['listing_match', 'price_drop', 'back_on_market']);

/**
 * `Send to lead`: queues the matched listing to the lead by SMS when they have a phone, else by
 * email. The delivery's idempotency key (alert + channel + lead address) makes a double click
 * send once; consent and quiet hours are the SMS/email channels' job when the delivery runs.
 */
export async function sendToLead(ctx: CommandContext, alertId: string): Promise<ChatMessage> {
  const db = ctx.runtime.db;
  const alert = await getAlert(db, ctx.tenant.id, alertId);
  if (!alert) return noticeMessage(`No alert #${alertId} in this team.`);
  if (!LISTING_KINDS.has(alert.kind) || !alert.listingKey || !alert.leadId) {
    return noticeMessage(
      `Alert #${alertId} has no listing to send: only match, price-drop and back-on-market alerts do.`,
    );
  }
  const [lead] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, ctx.tenant.id), eq(leads.id, alert.leadId)));
  if (!lead) return noticeMessage(`The lead on alert #${alertId} no longer exists.`);
  if (lead.dnd) return noticeMessage(`${lead.name} asked not to be contacted (DND in the CRM); nothing sent.`);
  const channel = lead.phone ? 'sms' : lead.email ? 'email' : undefined;
  if (!channel) return noticeMessage(`${lead.name} has no phone or email on file, so there is nowhere to send it.`);
  const recipient = channel === 'sms' ? lead.phone! : lead.email!;

  const created = await db.transaction(async (tx) => {
    const row = await createDelivery(tx, ctx.runtime.queue, {
      tenantId: ctx.tenant.id,
      alertId,
      channel,
      recipient,
      recipientKind: 'lead',
    });
    if (row) {
      await tx.insert(auditLog).values({
        tenantId: ctx.tenant.id,
        entity: 'alert',
        entityId: alertId,
        action: 'send',
        actor: ctx.actor.id,
        reason: `sent ${alert.listingKey} to the lead by ${channel}`,
        data: { deliveryId: row.id, channel },
      });
      await ctx.runtime.queue.enqueue('alert.refresh', { tenantId: ctx.tenant.id, alertId }, { tx });
    }
    return row;
  });
  if (!created) return noticeMessage(`${alert.listingKey} was already sent to ${lead.name}.`);
  return noticeMessage(`📤 Sending ${alert.listingKey} to ${lead.name} by ${channel === 'sms' ? 'text' : 'email'}.`, {
    tone: 'success',
  });
}
