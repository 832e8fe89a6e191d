import { and, eq, sql } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import type { CrmMessage } from '../../../core/ghl/crm-event.ts';
import { addLeadActivity } from '../leads.ts';
import { extractIntentFallback } from '../../../core/intent/extract-intent-fallback.ts';
import { ensureLead } from './ensure-lead.ts';
import { noEffects, type ApplyContext, type ApplyEffects } from './apply-types.ts';

const KIND: Partial<Record<CrmMessage['channel'], string>> = { call: 'call', voicemail: 'voicemail' };

/**
 * A message becomes one activity (idempotent on the CRM message id). Only a newly recorded one
 * moves the lead's clocks and asks for follow-ups: an inbound message from the lead is a reply
 * worth an alert; an outbound one typed by a person (not a workflow) is the human contact that
 * speed-to-lead measures to.
 */
export async function recordMessage(
  tx: Tx,
  ctx: ApplyContext,
  input: {
    eventId: string;
    locationId: string | null;
    direction: 'inbound' | 'outbound';
    message: CrmMessage;
    at: Date;
  },
): Promise<ApplyEffects> {
  const m = input.message;
  const lead = await ensureLead(tx, ctx.tenantId, m.contactId, input.locationId);
  const human = m.sender === 'contact' || m.sender === 'user' ? true : m.sender === 'automation' ? false : null;
  const activity = await addLeadActivity(tx, {
    tenantId: ctx.tenantId,
    leadId: lead.id,
    kind: KIND[m.channel] ?? 'message',
    channel: m.channel,
    direction: input.direction,
    human,
    body: m.body,
    actorId: m.userId,
    source: ctx.source,
    externalId: m.ghlMessageId ?? input.eventId,
    occurredAt: input.at,
    meta: {
      sender: m.sender,
      rawMessageType: m.rawMessageType,
      status: m.status,
      subject: m.subject,
      conversationId: m.conversationId,
      callDurationSeconds: m.callDurationSeconds,
      attachments: m.attachments,
      deliveryRequested: m.deliveryRequested,
      anomaly: m.anomaly,
    },
  });
  if (!activity) return noEffects('noop', `message ${m.ghlMessageId ?? input.eventId} was already recorded`);
  const effects: ApplyEffects = {
    ...noEffects('applied', `${input.direction} ${m.channel} message recorded (${m.sender})`),
    rescore: [lead.id],
  };
  if (input.direction === 'inbound') {
    await tx
      .update(leads)
      .set({ lastInboundAt: sql`greatest(${leads.lastInboundAt}, ${input.at.toISOString()}::timestamptz)` })
      .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, lead.id)));
    if (!lead.deletedAt) effects.replied.push(lead.id);
    if (!lead.deletedAt && m.body?.trim()) effects.said = [{ leadId: lead.id, activityId: activity.id }];
    if (!lead.deletedAt)
      effects.automation = [
        {
          leadId: lead.id,
          trigger: {
            event: 'message_received',
            occurrence: `message_received:${activity.id}`,
            at: input.at.toISOString(),
            channel: m.channel,
            intent: extractIntentFallback(m.body ?? '').intent,
          },
        },
      ];
  } else if (m.sender === 'user') {
    await tx
      .update(leads)
      .set({ lastHumanContactAt: sql`greatest(${leads.lastHumanContactAt}, ${input.at.toISOString()}::timestamptz)` })
      .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, lead.id)));
    effects.humanContact.push({ leadId: lead.id, ghlUserId: m.userId, at: input.at });
  }
  return effects;
}
