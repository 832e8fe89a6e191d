import { and, eq, isNull } from 'drizzle-orm';
import { leadActivities, leads } from '../schema/index.ts';
import type { Executor } from '../client.ts';

export type Lead = typeof leads.$inferSelect;
export type NewLead = typeof leads.$inferInsert;
export type LeadActivity = typeof leadActivities.$inferSelect;
export type NewLeadActivity = typeof leadActivities.$inferInsert;

export async function getLead(db: Executor, tenantId: string, leadId: string): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
  return row;
}

/** The lead unless it was deleted: what a new saved search or message may be attached to. */
export async function getLiveLead(db: Executor, tenantId: string, leadId: string): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), isNull(leads.deletedAt)));
  return row;
}

export async function findLeadByPhone(db: Executor, tenantId: string, phone: string): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.phone, phone), isNull(leads.deletedAt)))
    .limit(1);
  return row;
}

export async function findLeadByEmail(db: Executor, tenantId: string, email: string): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.email, email.toLowerCase()), isNull(leads.deletedAt)))
    .limit(1);
  return row;
}

export async function findLeadByGhlContact(
  db: Executor,
  tenantId: string,
  contactId: string,
): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.ghlContactId, contactId)));
  return row;
}

export async function createLead(db: Executor, input: NewLead): Promise<Lead> {
  const [row] = await db
    .insert(leads)
    .values({ ...input, email: input.email?.toLowerCase() })
    .returning();
  return row;
}

export async function updateLead(
  db: Executor,
  tenantId: string,
  leadId: string,
  fields: Partial<NewLead>,
): Promise<void> {
  await db
    .update(leads)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
}

/**
 * Records an activity once: (tenant, source, externalId) is unique, so a redelivered event adds
 * nothing. Returns null when it was already there.
 */
export async function addLeadActivity(db: Executor, input: NewLeadActivity): Promise<LeadActivity | null> {
  const [row] = await db
    .insert(leadActivities)
    .values(input)
    .onConflictDoNothing({ target: [leadActivities.tenantId, leadActivities.source, leadActivities.externalId] })
    .returning();
  return row ?? null;
}
