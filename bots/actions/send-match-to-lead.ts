import { sendAlertToLead } from '../../db/use-cases/alerts/send-alert-to-lead.ts';
import { noticeMessage, type ChatMessage } from '../message/chat-message.ts';
import type { CommandContext } from '../commands/command-context.ts';

/**
 * The `Send to lead` button: queues the alert's matched listing to the lead (SMS when they have a
 * phone, else email) and says what happened. A double click sends once.
 */
export async function sendMatchToLead(ctx: CommandContext, alertId: string): Promise<ChatMessage> {
  const { db, queue } = ctx.runtime;
  const sent = await sendAlertToLead({ db, queue }, { tenantId: ctx.tenant.id, alertId, actorId: ctx.actor.id });
  switch (sent.outcome) {
    case 'no_alert':
      return noticeMessage(`No alert #${alertId} in this team.`);
    case 'not_a_listing':
      return noticeMessage(
        `Alert #${alertId} has no listing to send: only match, price-drop and back-on-market alerts do.`,
      );
    case 'no_lead':
      return noticeMessage(`The lead on alert #${alertId} no longer exists.`);
    case 'do_not_disturb':
      return noticeMessage(`${sent.leadName} asked not to be contacted (DND in the CRM); nothing sent.`);
    case 'unreachable':
      return noticeMessage(`${sent.leadName} has no phone or email on file, so there is nowhere to send it.`);
    case 'already_sent':
      return noticeMessage(`${sent.listingKey} was already sent to ${sent.leadName}.`);
    case 'queued':
      return noticeMessage(
        `📤 Sending ${sent.listingKey} to ${sent.leadName} by ${sent.channel === 'sms' ? 'text' : 'email'}.`,
        { tone: 'success' },
      );
  }
}
