import { and, eq } from 'drizzle-orm';
import { emailEngagement, savedSearches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type EmailEngagementRow = typeof emailEngagement.$inferSelect;

export async function getEmailEngagement(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<EmailEngagementRow | undefined> {
  const [row] = await db
    .select()
    .from(emailEngagement)
    .where(and(eq(emailEngagement.tenantId, tenantId), eq(emailEngagement.leadId, leadId)));
  return row;
}

export async function saveEmailEngagement(db: Executor, row: typeof emailEngagement.$inferInsert): Promise<void> {
  const { tenantId, leadId, ...rest } = row;
  await db
    .insert(emailEngagement)
    .values(row)
    .onConflictDoUpdate({
      target: [emailEngagement.tenantId, emailEngagement.leadId],
      set: { ...rest, updatedAt: new Date() },
    });
}

/** Sets every active saved search of a lead to one frequency (frequency step-down / restore). */
export async function setLeadSearchFrequency(
  db: Executor,
  tenantId: string,
  leadId: string,
  frequency: 'instant' | 'daily' | 'weekly',
): Promise<void> {
  await db
    .update(savedSearches)
    .set({ frequency, updatedAt: new Date() })
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.leadId, leadId), eq(savedSearches.active, true)));
}

/** The cadence a lead chose on their searches (the most frequent wins); null without an active search. */
export async function leadSearchFrequency(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<'instant' | 'daily' | 'weekly' | null> {
  const rows = await db
    .select({ frequency: savedSearches.frequency })
    .from(savedSearches)
    .where(and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.leadId, leadId), eq(savedSearches.active, true)));
  const order = ['instant', 'daily', 'weekly'] as const;
  return order.find((f) => rows.some((r) => r.frequency === f)) ?? null;
}
