import { z } from 'zod';

/**
 * Shapes of the GHL webhook payloads we interpret (fixtures: shared/fixtures/ghl/). Deliberately
 * loose: only what we use is required, unknown keys pass through, and optional fields may be null,
 * because real deliveries omit fields the docs show (TaskCreate without contactId, docs issue
 * #332; ContactDndUpdate without name, #264) and add ones they don't (timestamp, webhookId, appId,
 * versionId). A required field missing or of the wrong type is schema drift.
 */

const str = z.string().min(1);
const date = z
  .union([z.string(), z.number()])
  .refine((v) => !Number.isNaN(new Date(v).getTime()), 'must be a date (ISO string or epoch ms)');
const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

const Envelope = {
  locationId: str,
  webhookId: opt(z.string()),
  timestamp: opt(date),
};

export const GhlContactPayload = z.looseObject({
  ...Envelope,
  type: z.enum(['ContactCreate', 'ContactUpdate', 'ContactDelete', 'ContactTagUpdate']),
  id: str,
  name: opt(z.string()),
  firstName: opt(z.string()),
  lastName: opt(z.string()),
  email: opt(z.string()),
  phone: opt(z.string()),
  companyName: opt(z.string()),
  source: opt(z.string()),
  tags: opt(z.array(z.string())),
  assignedTo: opt(z.string()),
  dnd: opt(z.boolean()),
  address1: opt(z.string()),
  city: opt(z.string()),
  state: opt(z.string()),
  postalCode: opt(z.string()),
  country: opt(z.string()),
  customFields: opt(z.array(z.looseObject({ id: str, value: z.unknown() }))),
  dateAdded: opt(date),
  dateUpdated: opt(date),
});
export type GhlContactPayload = z.infer<typeof GhlContactPayload>;

const DndChannel = z.looseObject({ status: z.string(), message: opt(z.string()), code: opt(z.string()) });

export const GhlContactDndPayload = z.looseObject({
  ...Envelope,
  type: z.literal('ContactDndUpdate'),
  id: str,
  dnd: opt(z.boolean()),
  dndSettings: opt(z.record(z.string(), DndChannel)),
  dateUpdated: opt(date),
});
export type GhlContactDndPayload = z.infer<typeof GhlContactDndPayload>;

export const GhlOpportunityPayload = z.looseObject({
  ...Envelope,
  type: z.enum([
    'OpportunityCreate',
    'OpportunityUpdate',
    'OpportunityStageUpdate',
    'OpportunityStatusUpdate',
    'OpportunityAssignedToUpdate',
    'OpportunityMonetaryValueUpdate',
    'OpportunityDelete',
  ]),
  id: str,
  contactId: opt(z.string()),
  name: opt(z.string()),
  pipelineId: opt(z.string()),
  pipelineStageId: opt(z.string()),
  status: opt(z.string()),
  monetaryValue: opt(z.number()),
  assignedTo: opt(z.string()),
  source: opt(z.string()),
  dateAdded: opt(date),
  dateUpdated: opt(date),
});
export type GhlOpportunityPayload = z.infer<typeof GhlOpportunityPayload>;

export const GhlMessagePayload = z.looseObject({
  ...Envelope,
  type: z.enum(['InboundMessage', 'OutboundMessage']),
  contactId: str,
  messageType: str,
  direction: opt(z.string()),
  conversationId: opt(z.string()),
  messageId: opt(z.string()),
  body: opt(z.string()),
  subject: opt(z.string()),
  attachments: opt(z.array(z.string())),
  status: opt(z.string()),
  source: opt(z.string()),
  userId: opt(z.string()),
  callDuration: opt(z.number()),
  callStatus: opt(z.string()),
  dateAdded: opt(date),
});
export type GhlMessagePayload = z.infer<typeof GhlMessagePayload>;

/** Conversation-provider delivery request: `type` is the channel, not an event name. */
export const GhlProviderOutboundPayload = z.looseObject({
  ...Envelope,
  type: z.enum(['SMS', 'Email']),
  contactId: str,
  messageId: str,
  userId: opt(z.string()),
  message: opt(z.string()),
  html: opt(z.string()),
  subject: opt(z.string()),
  phone: opt(z.string()),
  emailTo: opt(z.array(z.string())),
  attachments: opt(z.array(z.string())),
});
export type GhlProviderOutboundPayload = z.infer<typeof GhlProviderOutboundPayload>;

export const GhlNotePayload = z.looseObject({
  ...Envelope,
  type: z.literal('NoteCreate'),
  id: str,
  contactId: opt(z.string()),
  body: opt(z.string()),
  dateAdded: opt(date),
});
export type GhlNotePayload = z.infer<typeof GhlNotePayload>;

export const GhlTaskPayload = z.looseObject({
  ...Envelope,
  type: z.enum(['TaskCreate', 'TaskComplete']),
  id: str,
  contactId: opt(z.string()),
  title: opt(z.string()),
  body: opt(z.string()),
  assignedTo: opt(z.string()),
  dueDate: opt(date),
  dateAdded: opt(date),
});
export type GhlTaskPayload = z.infer<typeof GhlTaskPayload>;

export const GhlAppointmentPayload = z.looseObject({
  ...Envelope,
  type: z.enum(['AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete']),
  appointment: z.looseObject({
    id: str,
    calendarId: opt(z.string()),
    contactId: opt(z.string()),
    title: opt(z.string()),
    appointmentStatus: opt(z.string()),
    assignedUserId: opt(z.string()),
    startTime: opt(date),
    endTime: opt(date),
    dateAdded: opt(date),
    dateUpdated: opt(date),
  }),
});
export type GhlAppointmentPayload = z.infer<typeof GhlAppointmentPayload>;

/** Agency-level installs carry no locationId, so the envelope's required locationId is relaxed. */
export const GhlInstallPayload = z.looseObject({
  ...Envelope,
  type: z.literal('INSTALL'),
  locationId: opt(z.string()),
  appId: str,
  companyId: opt(z.string()),
  userId: opt(z.string()),
  planId: opt(z.string()),
  companyName: opt(z.string()),
  isWhitelabelCompany: opt(z.boolean()),
});
export type GhlInstallPayload = z.infer<typeof GhlInstallPayload>;

export const GhlUninstallPayload = z.looseObject({
  ...Envelope,
  type: z.literal('UNINSTALL'),
  locationId: opt(z.string()),
  appId: str,
  companyId: opt(z.string()),
});
export type GhlUninstallPayload = z.infer<typeof GhlUninstallPayload>;

export const GhlConversationUnreadPayload = z.looseObject({
  ...Envelope,
  type: z.literal('ConversationUnreadUpdate'),
  id: str,
  contactId: opt(z.string()),
  unreadCount: z.number().int().min(0),
  starred: opt(z.boolean()),
  inbox: opt(z.boolean()),
  deleted: opt(z.boolean()),
});
export type GhlConversationUnreadPayload = z.infer<typeof GhlConversationUnreadPayload>;
