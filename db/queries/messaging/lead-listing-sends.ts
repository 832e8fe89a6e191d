import { and, count, eq, gte, inArray, isNotNull, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { deliveries, leadListingSends, leadMessages, leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type LeadListingSendRow = typeof leadListingSends.$inferSelect;
export type NewLeadListingSend = typeof leadListingSends.$inferInsert;

/** What was decided for this lead and listing change, if anything yet. */
export async function leadListingSendOf(
  db: Executor,
  leadId: string,
  changeId: string,
): Promise<LeadListingSendRow | undefined> {
  const [row] = await db
    .select()
    .from(leadListingSends)
    .where(and(eq(leadListingSends.leadId, leadId), eq(leadListingSends.changeId, changeId)));
  return row;
}

/**
 * Claims the one decision for a lead and listing change: null when another run got there first (the
 * unique (lead, change) index makes a redelivered job or a second matching search a no-op).
 */
export async function recordLeadListingSend(
  db: Executor,
  input: NewLeadListingSend,
): Promise<LeadListingSendRow | null> {
  const [row] = await db
    .insert(leadListingSends)
    .values(input)
    .onConflictDoNothing({ target: [leadListingSends.leadId, leadListingSends.changeId] })
    .returning();
  return row ?? null;
}

export async function attachLeadListingDelivery(db: Executor, id: string, deliveryId: string): Promise<void> {
  await db.update(leadListingSends).set({ deliveryId }).where(eq(leadListingSends.id, id));
}

/**
 * Holds the lead row until the transaction ends, so two listing changes for the same lead decided at once
 * are counted one after the other against her daily cap.
 */
export async function lockLeadForSend(db: Executor, tenantId: string, leadId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .for('update');
  return Boolean(row);
}

/**
 * Automated messages the lead has today: instant listings decided on her local `day` (sent, or drafts
 * waiting for an agent), plus every other automated message to her (a "Send to lead", a digest, a
 * "still interested?") handed to the provider since her local midnight. Replies in a conversation she
 * started are not counted: she asked for those.
 */
export async function automatedSendsToday(
  db: Executor,
  input: { tenantId: string; leadId: string; day: string; since: Date },
): Promise<number> {
  const own = and(
    eq(leadListingSends.tenantId, input.tenantId),
    eq(leadListingSends.leadId, input.leadId),
    eq(leadListingSends.day, input.day),
    inArray(leadListingSends.outcome, ['sent', 'draft']),
  );
  const [instant] = await db.select({ n: count() }).from(leadListingSends).where(own);
  const instantDeliveries = db
    .select({ id: leadListingSends.deliveryId })
    .from(leadListingSends)
    .where(and(eq(leadListingSends.leadId, input.leadId), isNotNull(leadListingSends.deliveryId)));
  const [other] = await db
    .select({ n: count() })
    .from(leadMessages)
    .innerJoin(deliveries, eq(deliveries.id, leadMessages.deliveryId))
    .where(
      and(
        eq(leadMessages.tenantId, input.tenantId),
        eq(leadMessages.leadId, input.leadId),
        eq(leadMessages.automated, true),
        ne(leadMessages.purpose, 'reply'),
        gte(deliveries.sentAt, input.since),
        notInArray(deliveries.id, instantDeliveries),
      ),
    );
  return Number(instant?.n ?? 0) + Number(other?.n ?? 0);
}

/** A match an instant search could not send today (over the cap): it belongs in her next daily digest. */
export function heldForDigest(matchId: AnyPgColumn): SQL {
  const s = leadListingSends;
  return sql`exists (select 1 from ${s} where ${s.matchId} = ${matchId} and ${s.outcome} = 'digest')`;
}

/** The lead already has this home from an instant send: a digest does not repeat it. */
export function sentInstantly(leadId: AnyPgColumn, listingKey: AnyPgColumn): SQL {
  const s = leadListingSends;
  return sql`exists (select 1 from ${s}
    where ${s.leadId} = ${leadId} and ${s.listingKey} = ${listingKey} and ${s.outcome} = 'sent')`;
}

/** An instant send held for approval on this alert, and whether one was already sent from it. */
export async function instantSendsOfAlert(db: Executor, alertId: string): Promise<LeadListingSendRow[]> {
  return db.select().from(leadListingSends).where(eq(leadListingSends.alertId, alertId));
}

export async function markInstantDraftApproved(db: Executor, id: string, deliveryId: string): Promise<void> {
  await db
    .update(leadListingSends)
    .set({ outcome: 'sent', deliveryId })
    .where(and(eq(leadListingSends.id, id), eq(leadListingSends.outcome, 'draft')));
}
