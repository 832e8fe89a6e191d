import { and, eq, isNull } from 'drizzle-orm';
import { automationSchedulePasses } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

export type SchedulePass = typeof automationSchedulePasses.$inferSelect;

/** The pass for this rule and occurrence: started now if there was none; undefined once it is done. */
export async function openSchedulePass(
  db: Executor,
  input: { tenantId: string; ruleId: string; occurrence: string; now: Date },
): Promise<SchedulePass | undefined> {
  await db
    .insert(automationSchedulePasses)
    .values({ tenantId: input.tenantId, ruleId: input.ruleId, occurrence: input.occurrence, startedAt: input.now })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(automationSchedulePasses)
    .where(
      and(
        eq(automationSchedulePasses.tenantId, input.tenantId),
        eq(automationSchedulePasses.ruleId, input.ruleId),
        eq(automationSchedulePasses.occurrence, input.occurrence),
        isNull(automationSchedulePasses.doneAt),
      ),
    );
  return row;
}

export async function advanceSchedulePass(
  db: Executor,
  pass: Pick<SchedulePass, 'tenantId' | 'ruleId' | 'occurrence'>,
  update: { cursor: string | null; doneAt: Date | null },
): Promise<void> {
  await db
    .update(automationSchedulePasses)
    .set(update)
    .where(
      and(
        eq(automationSchedulePasses.tenantId, pass.tenantId),
        eq(automationSchedulePasses.ruleId, pass.ruleId),
        eq(automationSchedulePasses.occurrence, pass.occurrence),
      ),
    );
}
