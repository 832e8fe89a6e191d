import { eq } from 'drizzle-orm';
import { messageDrafts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** An AI-written reply held for an agent's approval (`settings.sms.approveDrafts`). */
export async function createDraft(
  db: Executor,
  input: { tenantId: string; leadId: string; body: string; inboundEventId: string },
): Promise<string> {
  const [row] = await db.insert(messageDrafts).values(input).returning({ id: messageDrafts.id });
  return row.id;
}

export async function attachDraftAlert(db: Executor, draftId: string, alertId: string): Promise<void> {
  await db.update(messageDrafts).set({ alertId }).where(eq(messageDrafts.id, draftId));
}
