import { z } from 'zod';
import type { CrmEvent } from './crm-event.ts';

/**
 * The generic CRM event accepted by `POST /api/v1/events` (docs/crm-events.md), for CRMs other
 * than GHL. Deliberately small; every shape maps onto the same CrmEvent union GHL events become,
 * so the engine cannot tell them apart. `occurredAt` is the record's version clock: an event older
 * than what we hold for the same contact or opportunity is ignored.
 */
const id = z.string().trim().min(1).max(200);
const text = z.string().max(20_000);
const when = z.iso.datetime({ offset: true });
const channel = z.enum([
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

const Contact = z
  .object({
    id,
    name: text.optional(),
    firstName: text.optional(),
    lastName: text.optional(),
    email: z.string().max(320).optional(),
    phone: z.string().max(40).optional(),
    tags: z.array(z.string().max(200)).max(200).optional(),
    source: text.optional(),
    city: text.optional(),
    state: text.optional(),
    postalCode: z.string().max(20).optional(),
    assignedTo: id.optional(),
    dnd: z.boolean().optional(),
    /** {fieldId: value}; mapped to budget, timeline... through the tenant's ghlFieldMap. */
    customFields: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const Message = z
  .object({
    id: id.optional(),
    contactId: id,
    channel,
    body: text.optional(),
    subject: text.optional(),
    /** contact: the lead wrote; user: a person on the team; automation: a workflow or campaign. */
    sender: z.enum(['contact', 'user', 'automation']).optional(),
    userId: id.optional(),
  })
  .strict();

const Opportunity = z
  .object({
    id,
    contactId: id.optional(),
    name: text.optional(),
    pipelineId: id.optional(),
    stageId: id.optional(),
    status: z.enum(['open', 'won', 'lost', 'abandoned']).optional(),
    value: z.number().nonnegative().optional(),
    assignedTo: id.optional(),
  })
  .strict();

/**
 * What a team's CRM workflow saw the lead do (GHL: Trigger Link Clicked, Form Submitted, Funnel/Website Page
 * Visited, posted by a Custom Webhook action). `listingKey`, or a listing link in `url`, makes it listing behaviour.
 */
const Engagement = z
  .object({
    contactId: id,
    kind: z.enum(['page_visit', 'form_submission', 'trigger_link']),
    url: z.string().trim().max(2_000).optional(),
    listingKey: id.optional(),
    formName: text.optional(),
    action: z.enum(['view', 'save', 'showing_request']).optional(),
  })
  .strict();

const base = { id, occurredAt: when };
export const ApiCrmEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('contact.upserted'), contact: Contact }).strict(),
  z.object({ ...base, type: z.literal('contact.deleted'), contactId: id }).strict(),
  z
    .object({
      ...base,
      type: z.literal('consent.changed'),
      contactId: id,
      channel: z.enum(['sms', 'email']),
      optedOut: z.boolean(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('opportunity.upserted'), opportunity: Opportunity }).strict(),
  z.object({ ...base, type: z.literal('message.received'), message: Message }).strict(),
  z.object({ ...base, type: z.literal('message.sent'), message: Message }).strict(),
  z
    .object({ ...base, type: z.literal('note.created'), note: z.object({ id, contactId: id, body: text }).strict() })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('appointment.upserted'),
      appointment: z
        .object({
          id,
          contactId: id,
          title: text.optional(),
          status: z.string().max(50).optional(),
          startTime: when.optional(),
          endTime: when.optional(),
          assignedUserId: id.optional(),
        })
        .strict(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('engagement.recorded'), engagement: Engagement }).strict(),
]);
export type ApiCrmEvent = z.infer<typeof ApiCrmEvent>;

/** Maps a validated API event onto the engine's CrmEvent. */
export function apiEventToCrmEvent(e: ApiCrmEvent): CrmEvent {
  const base = {
    source: 'api' as const,
    eventId: e.id,
    locationId: null,
    sentAt: null,
    updatedAt: new Date(e.occurredAt).toISOString(),
  };
  switch (e.type) {
    case 'contact.upserted': {
      const c = e.contact;
      return {
        ...base,
        type: e.type,
        change: 'updated',
        contact: {
          ghlContactId: c.id,
          name: c.name ?? ([c.firstName, c.lastName].filter(Boolean).join(' ') || null),
          firstName: c.firstName ?? null,
          lastName: c.lastName ?? null,
          email: c.email ?? null,
          phone: c.phone ?? null,
          tags: c.tags ?? [],
          source: c.source ?? null,
          assignedTo: c.assignedTo ?? null,
          dnd: c.dnd ?? null,
          city: c.city ?? null,
          state: c.state ?? null,
          postalCode: c.postalCode ?? null,
          country: null,
          customFields: Object.entries(c.customFields ?? {}).map(([fieldId, value]) => ({ id: fieldId, value })),
          dateAdded: null,
        },
      };
    }
    case 'contact.deleted':
      return { ...base, type: e.type, ghlContactId: e.contactId };
    case 'consent.changed':
      return {
        ...base,
        type: e.type,
        ghlContactId: e.contactId,
        dnd: null,
        channels: [{ channel: e.channel, optedOut: e.optedOut, code: null, message: 'api' }],
      };
    case 'opportunity.upserted': {
      const o = e.opportunity;
      const status = o.status ?? null;
      return {
        ...base,
        type: e.type,
        change: 'updated',
        opportunity: {
          ghlOpportunityId: o.id,
          contactId: o.contactId ?? null,
          name: o.name ?? null,
          pipelineId: o.pipelineId ?? null,
          stageId: o.stageId ?? null,
          status,
          monetaryValue: o.value ?? null,
          assignedTo: o.assignedTo ?? null,
          source: null,
        },
        outcome: status === 'won' ? 'won' : status === 'lost' || status === 'abandoned' ? 'lost' : null,
      };
    }
    case 'message.received':
    case 'message.sent': {
      const m = e.message;
      return {
        ...base,
        type: e.type,
        message: {
          ghlMessageId: m.id ?? null,
          conversationId: null,
          contactId: m.contactId,
          channel: m.channel,
          rawMessageType: m.channel,
          body: m.body ?? null,
          subject: m.subject ?? null,
          attachments: [],
          status: null,
          callDurationSeconds: null,
          sender: m.sender ?? (e.type === 'message.received' ? 'contact' : m.userId ? 'user' : 'unknown'),
          userId: m.userId ?? null,
          deliveryRequested: false,
          anomaly: null,
        },
      };
    }
    case 'note.created':
      return { ...base, type: e.type, ghlNoteId: e.note.id, contactId: e.note.contactId, body: e.note.body };
    case 'appointment.upserted': {
      const a = e.appointment;
      return {
        ...base,
        type: e.type,
        appointment: {
          ghlAppointmentId: a.id,
          calendarId: null,
          contactId: a.contactId,
          title: a.title ?? null,
          status: a.status ?? null,
          assignedUserId: a.assignedUserId ?? null,
          startTime: a.startTime ? new Date(a.startTime).toISOString() : null,
          endTime: a.endTime ? new Date(a.endTime).toISOString() : null,
        },
      };
    }
    case 'engagement.recorded': {
      const g = e.engagement;
      return {
        ...base,
        type: e.type,
        engagement: {
          contactId: g.contactId,
          kind: g.kind,
          url: g.url || null,
          listingKey: g.listingKey ?? null,
          formName: g.formName ?? null,
          action: g.action ?? null,
        },
      };
    }
  }
}
