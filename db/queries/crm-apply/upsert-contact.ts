import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import type { CrmContact } from '../../../core/ghl/crm-event.ts';
import { mapCustomFields, toE164 } from '../../../core/ghl/contact-fields.ts';
import { defaultCountry, type ApplyContext } from './apply-types.ts';

export type UpsertContactResult =
  | { applied: true; leadId: string; created: boolean; dnd: boolean; phone: string | null; email: string | null }
  | { applied: false; reason: string };

const keep = (column: { name: string }) => sql.raw(`coalesce(excluded.${column.name}, leads.${column.name})`);

/**
 * Creates or refreshes the lead for a CRM contact in ONE statement: the upsert's `WHERE` compares
 * the event's version clock with `crm_updated_at`, so of two workers applying two updates of one
 * contact out of order, the older one changes nothing however they interleave. Values the payload
 * does not carry (null) keep what we have: partial payloads (tag updates) must not erase fields.
 * An event without a version clock (GHL's doc examples) is applied and leaves the clock unset.
 */
export async function upsertContact(
  tx: Tx,
  ctx: ApplyContext,
  contact: CrmContact,
  locationId: string | null,
  updatedAt: Date | null,
): Promise<UpsertContactResult> {
  const mapped = mapCustomFields(contact.customFields, ctx.settings.ghlFieldMap);
  const rawFields = Object.fromEntries(contact.customFields.map((f) => [f.id, f.value]));
  const values = {
    tenantId: ctx.tenantId,
    ghlContactId: contact.ghlContactId,
    ghlLocationId: locationId,
    name: contact.name ?? '',
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: toE164(contact.phone, defaultCountry(ctx.settings)),
    email: contact.email?.trim().toLowerCase() || null,
    tags: contact.tags,
    source: contact.source,
    city: contact.city,
    state: contact.state,
    postalCode: contact.postalCode,
    customFields: rawFields,
    ghlAssignedTo: contact.assignedTo,
    dnd: contact.dnd ?? false,
    crmUpdatedAt: updatedAt,
    ...mapped,
  };
  const [row] = await tx
    .insert(leads)
    .values(values)
    .onConflictDoUpdate({
      target: [leads.tenantId, leads.ghlContactId],
      set: {
        ghlLocationId: keep(leads.ghlLocationId),
        name: sql.raw(`coalesce(nullif(excluded.name, ''), leads.name)`),
        firstName: keep(leads.firstName),
        lastName: keep(leads.lastName),
        phone: keep(leads.phone),
        email: keep(leads.email),
        tags: sql.raw('excluded.tags'),
        source: keep(leads.source),
        city: keep(leads.city),
        state: keep(leads.state),
        postalCode: keep(leads.postalCode),
        customFields: sql.raw('leads.custom_fields || excluded.custom_fields'),
        ghlAssignedTo: keep(leads.ghlAssignedTo),
        // dnd is only meaningful when the payload said it; `contact.dnd` null keeps ours.
        dnd: contact.dnd === null ? sql.raw('leads.dnd') : sql.raw('excluded.dnd'),
        budgetMin: keep(leads.budgetMin),
        budgetMax: keep(leads.budgetMax),
        timelineMonths: keep(leads.timelineMonths),
        areas: mapped.areas ? sql.raw('excluded.areas') : sql.raw('leads.areas'),
        beds: keep(leads.beds),
        baths: keep(leads.baths),
        propertyType: keep(leads.propertyType),
        preApproved: keep(leads.preApproved),
        crmUpdatedAt: keep(leads.crmUpdatedAt),
        // A newer upsert after a delete means GHL restored the contact.
        deletedAt: sql`null`,
        updatedAt: sql`now()`,
      },
      // A forgotten lead stays forgotten, whatever GHL still holds about the contact.
      setWhere: and(
        isNull(leads.forgottenAt),
        updatedAt ? or(isNull(leads.crmUpdatedAt), lte(leads.crmUpdatedAt, updatedAt)) : undefined,
      ),
    })
    .returning({
      id: leads.id,
      phone: leads.phone,
      email: leads.email,
      dnd: leads.dnd,
      created: sql<boolean>`(xmax = 0)`,
    });
  if (!row) {
    const [kept] = await tx
      .select({ forgottenAt: leads.forgottenAt })
      .from(leads)
      .where(and(eq(leads.tenantId, ctx.tenantId), eq(leads.ghlContactId, contact.ghlContactId)));
    if (kept?.forgottenAt)
      return {
        applied: false,
        reason: `contact ${contact.ghlContactId}: this lead was forgotten; GHL updates stay out`,
      };
    return {
      applied: false,
      reason: `contact ${contact.ghlContactId}: update from ${updatedAt?.toISOString()} is older than the one already applied`,
    };
  }
  return { applied: true, leadId: row.id, created: row.created, dnd: row.dnd, phone: row.phone, email: row.email };
}

/** Soft delete, with the same ordering rule: a delete older than our newest update is ignored. */
export async function deleteContact(
  tx: Tx,
  ctx: ApplyContext,
  ghlContactId: string,
  updatedAt: Date | null,
  now: Date,
): Promise<{ leadId: string } | null> {
  const [row] = await tx
    .update(leads)
    .set({ deletedAt: now, updatedAt: now, ...(updatedAt ? { crmUpdatedAt: updatedAt } : {}) })
    .where(
      and(
        eq(leads.tenantId, ctx.tenantId),
        eq(leads.ghlContactId, ghlContactId),
        isNull(leads.deletedAt),
        updatedAt ? or(isNull(leads.crmUpdatedAt), lte(leads.crmUpdatedAt, updatedAt)) : undefined,
      ),
    )
    .returning({ id: leads.id });
  return row ? { leadId: row.id } : null;
}
