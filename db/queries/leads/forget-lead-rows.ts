import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import {
  alerts,
  deliveries,
  leadActivities,
  leadFacts,
  leadMessages,
  leads,
  messageDrafts,
  opportunities,
  savedSearches,
} from '../../schema/index.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../client.ts';
import type { Lead } from '../leads.ts';

/** The lead row itself, locked for the forget's transaction, whether or not it was deleted in the CRM. */
export async function lockLeadForForget(db: Executor, tenantId: string, leadId: string): Promise<Lead | undefined> {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .for('update');
  return row;
}

/** Every phone and email we ever wrote to this lead from: old numbers too, as past deliveries name them. */
export async function leadRecipientAddresses(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<Array<{ channel: string; address: string }>> {
  return db
    .selectDistinct({ channel: deliveries.channel, address: deliveries.recipient })
    .from(deliveries)
    .innerJoin(leadMessages, eq(leadMessages.deliveryId, deliveries.id))
    .where(and(eq(deliveries.tenantId, tenantId), eq(leadMessages.leadId, leadId)));
}

/**
 * Blanks the lead's personal columns and its free text everywhere it is keyed by the lead (activities,
 * messages, drafts, opportunity names, search names and keywords, alert details), keeping every row, so
 * counts, scores and timelines still add up. The lead is marked deleted so lists stop showing an empty row.
 * Returns how many rows of each kind were touched.
 */
export async function scrubLeadRows(
  db: Executor,
  input: { tenantId: string; leadId: string; now: Date },
): Promise<Record<string, number>> {
  const { tenantId, leadId, now } = input;
  const count = (rows: unknown[]) => rows.length;
  await db
    .update(leads)
    .set({
      name: '',
      firstName: null,
      lastName: null,
      phone: null,
      email: null,
      tags: [],
      city: null,
      state: null,
      postalCode: null,
      customFields: {},
      conversation: null,
      deletedAt: sql`coalesce(${leads.deletedAt}, ${now.toISOString()}::timestamptz)`,
      forgottenAt: now,
      updatedAt: now,
    })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
  // Every table keyed by the lead has these two columns; the tenant is checked too, as everywhere.
  const ofLead = (t: { tenantId: AnyPgColumn; leadId: AnyPgColumn }) =>
    and(eq(t.tenantId, tenantId), eq(t.leadId, leadId));
  const activities = await db
    .update(leadActivities)
    .set({ body: null, meta: {} })
    .where(ofLead(leadActivities))
    .returning({ id: leadActivities.id });
  const messages = await db
    .update(leadMessages)
    .set({ body: null, subject: null, html: null })
    .where(ofLead(leadMessages))
    .returning({ id: leadMessages.deliveryId });
  const drafts = await db
    .update(messageDrafts)
    .set({ body: '' })
    .where(ofLead(messageDrafts))
    .returning({ id: messageDrafts.id });
  const opportunityRows = await db
    .update(opportunities)
    .set({ name: null, updatedAt: now })
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.leadId, leadId)))
    .returning({ id: opportunities.id });
  const searches = await db
    .update(savedSearches)
    .set({ name: null, keywords: [], updatedAt: now })
    .where(ofLead(savedSearches))
    .returning({ id: savedSearches.id });
  // What she said about herself (lender, budget, "wrong number") is hers: those rows go entirely.
  const facts = await db.delete(leadFacts).where(ofLead(leadFacts)).returning({ id: leadFacts.id });
  const alertRows = await db
    .update(alerts)
    .set({ details: {}, updatedAt: now })
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.leadId, leadId)))
    .returning({ id: alerts.id });
  return {
    activities: count(activities),
    messages: count(messages),
    drafts: count(drafts),
    opportunities: count(opportunityRows),
    savedSearches: count(searches),
    facts: count(facts),
    alerts: count(alertRows),
  };
}

/**
 * Blanks what deliveries about the lead said (texts to her, agent answers about her alerts) and replaces her
 * addresses among their recipients with the forgotten form, keeping the rows (channel, status, times).
 * `addresses` maps each raw address to what it becomes.
 */
export async function scrubLeadDeliveries(
  db: Executor,
  input: { tenantId: string; leadId: string; addresses: ReadonlyMap<string, string>; now: Date },
): Promise<number> {
  const { tenantId, leadId, addresses, now } = input;
  for (const [address, forgotten] of addresses)
    await db
      .update(deliveries)
      .set({ recipient: forgotten, updatedAt: now })
      .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.recipient, address)));
  const toLead = db
    .select({ id: leadMessages.deliveryId })
    .from(leadMessages)
    .where(and(eq(leadMessages.tenantId, tenantId), eq(leadMessages.leadId, leadId)));
  const aboutLead = db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.leadId, leadId)));
  const forgottenRecipients = [...addresses.values()];
  const rows = await db
    .update(deliveries)
    .set({ body: null, error: null, updatedAt: now })
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        or(
          inArray(deliveries.id, toLead),
          and(isNotNull(deliveries.alertId), inArray(deliveries.alertId, aboutLead)),
          forgottenRecipients.length ? inArray(deliveries.recipient, forgottenRecipients) : undefined,
        ),
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length;
}
