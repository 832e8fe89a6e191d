import type { z } from 'zod';
import type { CrmEvent } from './crm-event.ts';
import { ghlEventId, ghlEventTime, toDate } from './ghl-event-id.ts';
import {
  GhlAppointmentPayload,
  GhlContactDndPayload,
  GhlContactPayload,
  GhlConversationUnreadPayload,
  GhlInstallPayload,
  GhlMessagePayload,
  GhlNotePayload,
  GhlOpportunityPayload,
  GhlProviderOutboundPayload,
  GhlTaskPayload,
  GhlUninstallPayload,
} from './ghl-payload-schemas.ts';
import { resolveMessageDirection } from './resolve-message-direction.ts';

export type NormalizeResult =
  | { kind: 'event'; event: CrmEvent }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

type Base = Pick<CrmEvent, 'source' | 'eventId' | 'locationId' | 'sentAt' | 'updatedAt'>;
type Handler = { schema: z.ZodType; map: (payload: never, base: Base) => CrmEvent };

const OPPORTUNITY_CHANGE = {
  OpportunityCreate: 'created',
  OpportunityUpdate: 'updated',
  OpportunityStageUpdate: 'stage',
  OpportunityStatusUpdate: 'status',
  OpportunityAssignedToUpdate: 'assigned',
  OpportunityMonetaryValueUpdate: 'value',
} as const;

// No prototype: a webhook whose `type` is "constructor" or "toString" must find no handler.
const handlers: Record<string, Handler> = Object.create(null) as Record<string, Handler>;
const on = <S extends z.ZodType>(types: string[], schema: S, map: (p: z.infer<S>, base: Base) => CrmEvent) => {
  for (const t of types) handlers[t] = { schema, map: map as Handler['map'] };
};

on(['ContactCreate', 'ContactUpdate', 'ContactTagUpdate'], GhlContactPayload, (p, base) => ({
  ...base,
  type: 'contact.upserted',
  change: p.type === 'ContactCreate' ? 'created' : p.type === 'ContactTagUpdate' ? 'tags' : 'updated',
  contact: {
    ghlContactId: p.id,
    name: p.name ?? ([p.firstName, p.lastName].filter(Boolean).join(' ') || null),
    firstName: p.firstName ?? null,
    lastName: p.lastName ?? null,
    email: p.email ?? null,
    phone: p.phone ?? null,
    tags: p.tags ?? [],
    source: p.source ?? null,
    assignedTo: p.assignedTo ?? null,
    dnd: p.dnd ?? null,
    city: p.city ?? null,
    state: p.state ?? null,
    postalCode: p.postalCode ?? null,
    country: p.country ?? null,
    customFields: (p.customFields ?? []).map((f) => ({ id: f.id, value: f.value })),
    dateAdded: iso(p.dateAdded),
  },
}));

on(['ContactDelete'], GhlContactPayload, (p, base) => ({ ...base, type: 'contact.deleted', ghlContactId: p.id }));

on(['ContactDndUpdate'], GhlContactDndPayload, (p, base) => ({
  ...base,
  type: 'consent.changed',
  ghlContactId: p.id,
  dnd: p.dnd ?? null,
  channels: Object.entries(p.dndSettings ?? {}).map(([channel, s]) => ({
    channel: channel.toLowerCase(),
    optedOut: s.status.toLowerCase() === 'active',
    code: s.code || null,
    message: s.message || null,
  })),
}));

on(Object.keys(OPPORTUNITY_CHANGE), GhlOpportunityPayload, (p, base) => {
  const status = p.status?.toLowerCase() ?? null;
  return {
    ...base,
    type: 'opportunity.upserted',
    change: OPPORTUNITY_CHANGE[p.type as keyof typeof OPPORTUNITY_CHANGE],
    opportunity: {
      ghlOpportunityId: p.id,
      contactId: p.contactId ?? null,
      name: p.name ?? null,
      pipelineId: p.pipelineId ?? null,
      stageId: p.pipelineStageId ?? null,
      status,
      monetaryValue: p.monetaryValue ?? null,
      assignedTo: p.assignedTo ?? null,
      source: p.source ?? null,
    },
    // An abandoned deal did not convert either; for lead scoring that is a negative example.
    outcome: status === 'won' ? 'won' : status === 'lost' || status === 'abandoned' ? 'lost' : null,
  };
});

on(['OpportunityDelete'], GhlOpportunityPayload, (p, base) => ({
  ...base,
  type: 'opportunity.deleted',
  ghlOpportunityId: p.id,
  contactId: p.contactId ?? null,
}));

on(['InboundMessage', 'OutboundMessage'], GhlMessagePayload, (p, base) => {
  const r = resolveMessageDirection(p);
  return {
    ...base,
    type: r.direction === 'inbound' ? 'message.received' : 'message.sent',
    message: {
      ghlMessageId: p.messageId ?? null,
      conversationId: p.conversationId ?? null,
      contactId: p.contactId,
      channel: r.channel,
      rawMessageType: p.messageType,
      body: p.body ?? null,
      subject: p.subject ?? null,
      attachments: p.attachments ?? [],
      status: p.status ?? null,
      callDurationSeconds: p.callDuration ?? null,
      sender: r.sender,
      userId: p.userId ?? null,
      deliveryRequested: false,
      anomaly: r.anomaly,
    },
  };
});

on(['SMS', 'Email'], GhlProviderOutboundPayload, (p, base) => ({
  ...base,
  type: 'message.sent',
  message: {
    ghlMessageId: p.messageId,
    conversationId: null,
    contactId: p.contactId,
    channel: p.type === 'SMS' ? 'sms' : 'email',
    rawMessageType: p.type,
    body: p.message ?? p.html ?? null,
    subject: p.subject ?? null,
    attachments: p.attachments ?? [],
    status: null,
    callDurationSeconds: null,
    sender: p.userId ? 'user' : 'unknown',
    userId: p.userId ?? null,
    deliveryRequested: true,
    anomaly: null,
  },
}));

on(['NoteCreate'], GhlNotePayload, (p, base) => ({
  ...base,
  type: 'note.created',
  ghlNoteId: p.id,
  contactId: p.contactId ?? null,
  body: p.body ?? null,
}));

on(['TaskCreate', 'TaskComplete'], GhlTaskPayload, (p, base) => ({
  ...base,
  type: p.type === 'TaskCreate' ? 'task.created' : 'task.completed',
  task: {
    ghlTaskId: p.id,
    contactId: p.contactId ?? null,
    title: p.title ?? null,
    body: p.body ?? null,
    assignedTo: p.assignedTo ?? null,
    dueDate: iso(p.dueDate),
  },
}));

// GHL's docs reuse "AppointmentCreate" for update and delete examples; the status in the nested
// appointment (e.g. cancelled) is what carries the meaning, so treat create/update alike.
on(['AppointmentCreate', 'AppointmentUpdate', 'AppointmentDelete'], GhlAppointmentPayload, (p, base) => {
  const a = p.appointment;
  return {
    ...base,
    type: p.type === 'AppointmentDelete' ? 'appointment.deleted' : 'appointment.upserted',
    appointment: {
      ghlAppointmentId: a.id,
      calendarId: a.calendarId ?? null,
      contactId: a.contactId ?? null,
      title: a.title ?? null,
      status: a.appointmentStatus ?? null,
      assignedUserId: a.assignedUserId ?? null,
      startTime: iso(a.startTime),
      endTime: iso(a.endTime),
    },
  };
});

on(['INSTALL'], GhlInstallPayload, (p, base) => ({
  ...base,
  type: 'app.installed',
  scope: p.locationId ? 'location' : 'agency',
  appId: p.appId,
  companyId: p.companyId ?? null,
  userId: p.userId ?? null,
  planId: p.planId ?? null,
  companyName: p.companyName ?? null,
}));

on(['UNINSTALL'], GhlUninstallPayload, (p, base) => ({
  ...base,
  type: 'app.uninstalled',
  scope: p.locationId ? 'location' : 'agency',
  appId: p.appId,
  companyId: p.companyId ?? null,
}));

on(['ConversationUnreadUpdate'], GhlConversationUnreadPayload, (p, base) => ({
  ...base,
  type: 'conversation.unread_changed',
  conversationId: p.id,
  contactId: p.contactId ?? null,
  unreadCount: p.unreadCount,
  starred: p.starred ?? null,
}));

/** GHL event names we interpret; everything else is stored as `ignored`. */
export const GHL_EVENT_TYPES: readonly string[] = Object.keys(handlers);

/**
 * Maps one parsed GHL webhook payload to a CrmEvent. Unknown `type` → ignored (stored, answered
 * 200, replayable after an upgrade); a known type whose required fields are missing or mistyped
 * → invalid, with the field named, so the route can quarantine it.
 * @example normalizeGhlEvent(JSON.parse(rawBody))
 */
export function normalizeGhlEvent(payload: unknown): NormalizeResult {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return { kind: 'invalid', reason: 'payload must be a JSON object' };
  }
  const type = (payload as { type?: unknown }).type;
  if (typeof type !== 'string' || type.length === 0)
    return { kind: 'invalid', reason: 'type: missing or not a string' };
  const handler = handlers[type];
  if (!handler) return { kind: 'ignored', reason: `unknown GHL event type "${type}"` };
  const parsed = handler.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { kind: 'invalid', reason: `${type} ${issues.join('; ')}` };
  }
  const time = ghlEventTime(payload);
  const base: Base = {
    source: 'ghl',
    eventId: ghlEventId(payload),
    locationId:
      typeof (payload as { locationId?: unknown }).locationId === 'string'
        ? (payload as { locationId: string }).locationId
        : null,
    sentAt: time.sentAt?.toISOString() ?? null,
    updatedAt: time.updatedAt?.toISOString() ?? null,
  };
  return { kind: 'event', event: handler.map(parsed.data as never, base) };
}

function iso(v: string | number | null | undefined): string | null {
  return toDate(v)?.toISOString() ?? null;
}
