import type { CrmEvent } from './crm-event.ts';

/**
 * The GHL contact an event is about, wherever its shape keeps it (a contact's own id, a message's, a task's or an
 * appointment's contact), or null for events about no contact (an install, an opportunity without one).
 * @example crmEventContactId({ type: 'message.received', message: { contactId: 'c1', ... }, ... }) // 'c1'
 */
export function crmEventContactId(event: CrmEvent): string | null {
  switch (event.type) {
    case 'contact.upserted':
      return event.contact.ghlContactId;
    case 'contact.deleted':
    case 'consent.changed':
      return event.ghlContactId;
    case 'opportunity.upserted':
      return event.opportunity.contactId;
    case 'message.received':
    case 'message.sent':
      return event.message.contactId;
    case 'task.created':
    case 'task.completed':
      return event.task.contactId;
    case 'appointment.upserted':
    case 'appointment.deleted':
      return event.appointment.contactId;
    case 'engagement.recorded':
      return event.engagement.contactId;
    case 'opportunity.deleted':
    case 'note.created':
    case 'conversation.unread_changed':
      return event.contactId;
    case 'app.installed':
    case 'app.uninstalled':
      return null;
  }
}
