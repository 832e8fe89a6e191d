import { and, eq } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import type { CrmEvent } from '../../../core/ghl/crm-event.ts';
import { addLeadActivity } from '../leads.ts';
import { applyDnd } from './apply-dnd.ts';
import { recordInstall, recordUninstall } from './apply-install.ts';
import { noEffects, eventTime, type ApplyContext, type ApplyEffects } from './apply-types.ts';
import { ensureLead } from './ensure-lead.ts';
import { recordActivity } from './record-activity.ts';
import { recordEngagement } from './record-engagement.ts';
import { recordMessage } from './record-message.ts';
import { deleteContact, upsertContact } from './upsert-contact.ts';
import { crmSearchCriteria } from './crm-search-criteria.ts';
import { recordCrmFacts } from './record-crm-facts.ts';
import { deleteOpportunity, upsertOpportunity } from './upsert-opportunity.ts';
import { contactTriggers, recordTagChanges, tagsOfContact } from './contact-triggers.ts';

const clockOf = (e: CrmEvent): Date | null => (e.updatedAt ? new Date(e.updatedAt) : null);

/**
 * Applies one normalised CRM event to our rows inside the caller's transaction and says what
 * should follow (rescoring, reply alerts, speed-to-lead). Every branch is idempotent: a replayed
 * event changes nothing the first delivery did not.
 * @example const effects = await db.transaction((tx) => applyCrmEvent(tx, ctx, event))
 */
export async function applyCrmEvent(tx: Tx, ctx: ApplyContext, event: CrmEvent): Promise<ApplyEffects> {
  const now = ctx.clock.now();
  const at = eventTime(event, ctx.clock);
  switch (event.type) {
    case 'contact.upserted': {
      const before = await tagsOfContact(tx, ctx.tenantId, event.contact.ghlContactId);
      const r = await upsertContact(tx, ctx, event.contact, event.locationId, clockOf(event));
      if (!r.applied) return noEffects('stale', r.reason);
      await applyDnd(tx, {
        tenantId: ctx.tenantId,
        phone: r.phone,
        email: r.email,
        dnd: event.contact.dnd,
        channels: [],
      });
      await recordCrmFacts(tx, ctx, { leadId: r.leadId, contact: event.contact, at });
      const criteria = await crmSearchCriteria(tx, { tenantId: ctx.tenantId, leadId: r.leadId });
      const automation = contactTriggers(event, { leadId: r.leadId, created: r.created, before, at });
      await recordTagChanges(tx, {
        tenantId: ctx.tenantId,
        leadId: r.leadId,
        eventId: event.eventId,
        triggers: automation,
        at: now,
      });
      return {
        ...noEffects('applied', `lead ${r.created ? 'created' : 'updated'} from contact ${event.contact.ghlContactId}`),
        rescore: [r.leadId],
        searches: criteria ? [{ leadId: r.leadId, criteria }] : [],
        automation,
      };
    }
    case 'contact.deleted': {
      const r = await deleteContact(tx, ctx, event.ghlContactId, clockOf(event), now);
      return r
        ? noEffects('applied', `lead ${r.leadId} soft-deleted`)
        : noEffects(
            'noop',
            `contact ${event.ghlContactId}: no live lead, or the delete is older than our newest update`,
          );
    }
    case 'consent.changed': {
      const lead = await ensureLead(tx, ctx.tenantId, event.ghlContactId, event.locationId);
      const [row] = await tx
        .select({ phone: leads.phone, email: leads.email, crmUpdatedAt: leads.crmUpdatedAt })
        .from(leads)
        .where(eq(leads.id, lead.id));
      const version = clockOf(event);
      if (version && row.crmUpdatedAt && version < row.crmUpdatedAt)
        return noEffects(
          'stale',
          `DND change from ${version.toISOString()} is older than contact state from ${row.crmUpdatedAt.toISOString()}`,
        );
      if (event.dnd !== null)
        await tx
          .update(leads)
          .set({ dnd: event.dnd })
          .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.id, lead.id)));
      const changed = await applyDnd(tx, {
        tenantId: ctx.tenantId,
        phone: row.phone,
        email: row.email,
        dnd: event.dnd,
        channels: event.channels,
      });
      return {
        ...noEffects(
          changed.length ? 'applied' : 'noop',
          changed.length ? `consent changed for ${changed.join(', ')}` : 'consent unchanged',
        ),
        rescore: [lead.id],
      };
    }
    case 'opportunity.upserted': {
      const o = event.opportunity;
      const lead = o.contactId ? await ensureLead(tx, ctx.tenantId, o.contactId, event.locationId) : null;
      const r = await upsertOpportunity(tx, {
        tenantId: ctx.tenantId,
        leadId: lead?.id ?? null,
        opportunity: o,
        outcome: event.outcome,
        updatedAt: clockOf(event),
        now,
      });
      if (!r.applied) return noEffects('stale', r.reason);
      const moved = !r.previous || r.previous.stageId !== o.stageId || r.previous.status !== o.status;
      if (lead && moved) {
        await addLeadActivity(tx, {
          tenantId: ctx.tenantId,
          leadId: lead.id,
          kind: 'stage_change',
          source: ctx.source,
          externalId: `${event.eventId}`,
          occurredAt: at,
          actorId: o.assignedTo,
          meta: {
            opportunityId: o.ghlOpportunityId,
            pipelineId: o.pipelineId,
            stageId: o.stageId,
            status: o.status,
            outcome: event.outcome,
            from: r.previous,
          },
        });
      }
      // `abandoned` counts as lost; only a change of status closes alerts (a replayed update closes nothing new).
      const closedAs = lead && event.outcome && r.previous?.status !== o.status ? event.outcome : null;
      const stageTrigger =
        lead && moved
          ? [
              {
                leadId: lead.id,
                trigger: {
                  event: 'stage_changed' as const,
                  occurrence: `stage_changed:${event.eventId}`,
                  at: at.toISOString(),
                  stageId: o.stageId,
                  status: o.status,
                },
              },
            ]
          : [];
      return {
        ...noEffects('applied', `opportunity ${o.ghlOpportunityId} ${event.change}`),
        rescore: lead ? [lead.id] : [],
        automation: stageTrigger,
        ...(lead && closedAs ? { outcomes: [{ leadId: lead.id, status: closedAs }] } : {}),
      };
    }
    case 'opportunity.deleted': {
      const r = await deleteOpportunity(tx, {
        tenantId: ctx.tenantId,
        ghlOpportunityId: event.ghlOpportunityId,
        updatedAt: clockOf(event),
        now,
      });
      return r
        ? {
            ...noEffects('applied', `opportunity ${event.ghlOpportunityId} soft-deleted`),
            rescore: r.leadId ? [r.leadId] : [],
          }
        : noEffects('noop', `opportunity ${event.ghlOpportunityId} not found or already deleted`);
    }
    case 'message.received':
    case 'message.sent':
      return recordMessage(tx, ctx, {
        eventId: event.eventId,
        locationId: event.locationId,
        direction: event.type === 'message.received' ? 'inbound' : 'outbound',
        message: event.message,
        at,
      });
    case 'note.created':
      return recordActivity(tx, ctx, {
        kind: 'note',
        contactId: event.contactId,
        locationId: event.locationId,
        externalId: `note:${event.ghlNoteId}`,
        at,
        body: event.body,
        meta: {},
      });
    case 'task.created':
    case 'task.completed': {
      const t = event.task;
      const done = event.type === 'task.completed';
      return recordActivity(tx, ctx, {
        kind: done ? 'task_completed' : 'task',
        contactId: t.contactId,
        locationId: event.locationId,
        externalId: `task:${t.ghlTaskId}:${done ? 'completed' : 'created'}`,
        at,
        body: [t.title, t.body].filter(Boolean).join('\n') || null,
        actorId: t.assignedTo,
        meta: { taskId: t.ghlTaskId, dueDate: t.dueDate, completed: done },
      });
    }
    case 'appointment.upserted':
    case 'appointment.deleted': {
      const a = event.appointment;
      const cancelled = event.type === 'appointment.deleted' || /cancel|noshow|no_show|invalid/i.test(a.status ?? '');
      const appointmentState = event.type === 'appointment.deleted' ? 'deleted' : (a.status ?? 'booked');
      // A booked appointment with a real-estate team is a showing or consult: strong buying intent.
      return recordActivity(tx, ctx, {
        kind: cancelled ? 'appointment_cancelled' : 'appointment',
        contactId: a.contactId,
        locationId: event.locationId,
        externalId: `appointment:${a.ghlAppointmentId}:${appointmentState}`,
        at,
        body: a.title,
        actorId: a.assignedUserId,
        meta: {
          appointmentId: a.ghlAppointmentId,
          calendarId: a.calendarId,
          status: a.status,
          startTime: a.startTime,
          endTime: a.endTime,
          showingIntent: !cancelled,
        },
      });
    }
    case 'engagement.recorded':
      return recordEngagement(tx, ctx, { eventId: event.eventId, engagement: event.engagement, at });
    case 'app.installed':
      if (event.scope !== 'location' || !event.locationId)
        return noEffects('noop', 'agency-level install: locations register when installed');
      return recordInstall(tx, {
        tenantId: ctx.tenantId,
        locationId: event.locationId,
        companyId: event.companyId,
        at: now,
      });
    case 'app.uninstalled':
      if (event.scope !== 'location' || !event.locationId) return noEffects('noop', 'agency-level uninstall');
      return recordUninstall(tx, { tenantId: ctx.tenantId, locationId: event.locationId, at: now });
    case 'conversation.unread_changed':
      return noEffects('noop', 'unread counters do not change lead state');
  }
}
