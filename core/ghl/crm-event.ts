import { z } from 'zod';

/**
 * What the engine consumes: CRM activity in our own words, whichever CRM it came from. GHL
 * payloads are mapped here by normalizeGhlEvent; a non-GHL CRM can post the same shapes.
 * `updatedAt` is the entity's own clock (for "an older update never overwrites a newer one");
 * `sentAt` is when the CRM sent the event (for the 72 h age rule). Either may be null when the
 * CRM did not say.
 */
const nul = <T extends z.ZodType>(schema: T) => schema.nullable();
const iso = z.iso.datetime({ offset: true });

const Base = {
  source: z.enum(['ghl', 'api']),
  eventId: z.string().min(1),
  locationId: nul(z.string()),
  sentAt: nul(iso),
  updatedAt: nul(iso),
};

export const CrmContact = z.object({
  ghlContactId: z.string(),
  name: nul(z.string()),
  firstName: nul(z.string()),
  lastName: nul(z.string()),
  email: nul(z.string()),
  phone: nul(z.string()),
  tags: z.array(z.string()),
  source: nul(z.string()),
  assignedTo: nul(z.string()),
  dnd: nul(z.boolean()),
  city: nul(z.string()),
  state: nul(z.string()),
  postalCode: nul(z.string()),
  country: nul(z.string()),
  customFields: z.array(z.object({ id: z.string(), value: z.unknown() })),
  dateAdded: nul(iso),
});
export type CrmContact = z.infer<typeof CrmContact>;

export const ConsentChannel = z.object({
  /** Lower-cased GHL channel key: sms, call, email, whatsapp, gmb, fb, rcs, ... */
  channel: z.string(),
  /** GHL's DND status `active` means the contact must not be contacted on this channel. */
  optedOut: z.boolean(),
  code: nul(z.string()),
  message: nul(z.string()),
});
export type ConsentChannel = z.infer<typeof ConsentChannel>;

export const CrmOpportunity = z.object({
  ghlOpportunityId: z.string(),
  contactId: nul(z.string()),
  name: nul(z.string()),
  pipelineId: nul(z.string()),
  stageId: nul(z.string()),
  status: nul(z.string()),
  monetaryValue: nul(z.number()),
  assignedTo: nul(z.string()),
  source: nul(z.string()),
});
export type CrmOpportunity = z.infer<typeof CrmOpportunity>;

export const MessageChannel = z.enum([
  'sms',
  'email',
  'call',
  'voicemail',
  'whatsapp',
  'facebook',
  'instagram',
  'gmb',
  'live_chat',
  'other',
]);
export type MessageChannel = z.infer<typeof MessageChannel>;

export const CrmMessage = z.object({
  ghlMessageId: nul(z.string()),
  conversationId: nul(z.string()),
  contactId: z.string(),
  channel: MessageChannel,
  /** GHL's own messageType, kept because `other` loses it. */
  rawMessageType: z.string(),
  body: nul(z.string()),
  subject: nul(z.string()),
  attachments: z.array(z.string()),
  status: nul(z.string()),
  callDurationSeconds: nul(z.number()),
  /** contact: the lead wrote/called; user: a person on the team; automation: workflow/campaign/bulk. */
  sender: z.enum(['contact', 'user', 'automation', 'unknown']),
  userId: nul(z.string()),
  /** A conversation-provider delivery request: GHL asks us to carry the message. */
  deliveryRequested: z.boolean(),
  /** Set when the payload contradicted itself and we had to pick a side (GHL doc bugs). */
  anomaly: nul(z.string()),
});
export type CrmMessage = z.infer<typeof CrmMessage>;

export const CrmTask = z.object({
  ghlTaskId: z.string(),
  contactId: nul(z.string()),
  title: nul(z.string()),
  body: nul(z.string()),
  assignedTo: nul(z.string()),
  dueDate: nul(iso),
});
export type CrmTask = z.infer<typeof CrmTask>;

export const CrmAppointment = z.object({
  ghlAppointmentId: z.string(),
  calendarId: nul(z.string()),
  contactId: nul(z.string()),
  title: nul(z.string()),
  status: nul(z.string()),
  assignedUserId: nul(z.string()),
  startTime: nul(iso),
  endTime: nul(iso),
});
export type CrmAppointment = z.infer<typeof CrmAppointment>;

/**
 * A lead's engagement the CRM saw (a page visit, a form submission, a trigger-link click), for the timeline
 * and, when it names a listing, for scoring.
 */
export const CrmEngagement = z.object({
  contactId: z.string(),
  kind: z.enum(['page_visit', 'form_submission', 'trigger_link']),
  url: nul(z.string()),
  listingKey: nul(z.string()),
  formName: nul(z.string()),
  action: nul(z.enum(['view', 'save', 'showing_request'])),
});
export type CrmEngagement = z.infer<typeof CrmEngagement>;

export const CrmEvent = z.discriminatedUnion('type', [
  z.object({
    ...Base,
    type: z.literal('contact.upserted'),
    change: z.enum(['created', 'updated', 'tags']),
    contact: CrmContact,
  }),
  z.object({ ...Base, type: z.literal('contact.deleted'), ghlContactId: z.string() }),
  z.object({
    ...Base,
    type: z.literal('consent.changed'),
    ghlContactId: z.string(),
    dnd: nul(z.boolean()),
    channels: z.array(ConsentChannel),
  }),
  z.object({
    ...Base,
    type: z.literal('opportunity.upserted'),
    change: z.enum(['created', 'updated', 'stage', 'status', 'assigned', 'value']),
    opportunity: CrmOpportunity,
    /** Lead-scoring training label: only a closed opportunity says whether the lead converted. */
    outcome: nul(z.enum(['won', 'lost'])),
  }),
  z.object({
    ...Base,
    type: z.literal('opportunity.deleted'),
    ghlOpportunityId: z.string(),
    contactId: nul(z.string()),
  }),
  z.object({ ...Base, type: z.literal('message.received'), message: CrmMessage }),
  z.object({ ...Base, type: z.literal('message.sent'), message: CrmMessage }),
  z.object({
    ...Base,
    type: z.literal('note.created'),
    ghlNoteId: z.string(),
    contactId: nul(z.string()),
    body: nul(z.string()),
  }),
  z.object({ ...Base, type: z.literal('task.created'), task: CrmTask }),
  z.object({ ...Base, type: z.literal('task.completed'), task: CrmTask }),
  z.object({ ...Base, type: z.literal('appointment.upserted'), appointment: CrmAppointment }),
  z.object({ ...Base, type: z.literal('appointment.deleted'), appointment: CrmAppointment }),
  z.object({ ...Base, type: z.literal('engagement.recorded'), engagement: CrmEngagement }),
  z.object({
    ...Base,
    type: z.literal('app.installed'),
    scope: z.enum(['location', 'agency']),
    appId: z.string(),
    companyId: nul(z.string()),
    userId: nul(z.string()),
    planId: nul(z.string()),
    companyName: nul(z.string()),
  }),
  z.object({
    ...Base,
    type: z.literal('app.uninstalled'),
    scope: z.enum(['location', 'agency']),
    appId: z.string(),
    companyId: nul(z.string()),
  }),
  z.object({
    ...Base,
    type: z.literal('conversation.unread_changed'),
    conversationId: z.string(),
    contactId: nul(z.string()),
    unreadCount: z.number().int().min(0),
    starred: nul(z.boolean()),
  }),
]);
export type CrmEvent = z.infer<typeof CrmEvent>;
export type CrmEventType = CrmEvent['type'];
