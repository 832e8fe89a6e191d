import { and, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { automationRuns, automationSteps } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';

export type AutomationRunRow = typeof automationRuns.$inferSelect;
export type NewAutomationRun = typeof automationRuns.$inferInsert;
export type AutomationStepRow = typeof automationSteps.$inferSelect;
export type NewAutomationStep = typeof automationSteps.$inferInsert;

/** Starts (or records the refusal of) a run; undefined when this rule version already ran for this occurrence. */
export async function insertAutomationRun(tx: Tx, run: NewAutomationRun): Promise<AutomationRunRow | undefined> {
  const [row] = await tx.insert(automationRuns).values(run).onConflictDoNothing().returning();
  return row;
}

/** The run under its row lock: one step of it at a time, and a disable or a reply waits for the step in flight. */
export async function lockAutomationRun(
  tx: Tx,
  tenantId: string,
  runId: string,
): Promise<AutomationRunRow | undefined> {
  const [row] = await tx
    .select()
    .from(automationRuns)
    .where(and(eq(automationRuns.tenantId, tenantId), eq(automationRuns.id, runId)))
    .for('update');
  return row;
}

export async function updateAutomationRun(
  tx: Tx,
  runId: string,
  patch: Partial<
    Pick<AutomationRunRow, 'status' | 'position' | 'nextAt' | 'reason' | 'endedAt' | 'ruleVersion' | 'steps'>
  > & {
    updatedAt: Date;
  },
): Promise<void> {
  await tx.update(automationRuns).set(patch).where(eq(automationRuns.id, runId));
}

/** Records a step; undefined when a retried job already recorded it. */
export async function insertAutomationStep(tx: Tx, step: NewAutomationStep): Promise<AutomationStepRow | undefined> {
  const [row] = await tx.insert(automationSteps).values(step).onConflictDoNothing().returning();
  return row;
}

/**
 * Ends active runs: of one rule (a disable), of one lead (an exit, a `stop` step), or both. Returns the runs ended.
 * @example await endActiveRuns(tx, { tenantId, ruleId, status: 'cancelled', reason: 'rule disabled', now })
 */
export async function endActiveRuns(
  tx: Tx,
  input: {
    tenantId: string;
    ruleId?: string;
    leadId?: string;
    exceptRunId?: string;
    status: 'cancelled' | 'exited';
    reason: string;
    now: Date;
  },
): Promise<Array<{ id: string; ruleId: string; leadId: string }>> {
  return tx
    .update(automationRuns)
    .set({ status: input.status, reason: input.reason, endedAt: input.now, nextAt: null, updatedAt: input.now })
    .where(
      and(
        eq(automationRuns.tenantId, input.tenantId),
        eq(automationRuns.status, 'active'),
        input.ruleId ? eq(automationRuns.ruleId, input.ruleId) : undefined,
        input.leadId ? eq(automationRuns.leadId, input.leadId) : undefined,
        input.exceptRunId ? ne(automationRuns.id, input.exceptRunId) : undefined,
      ),
    )
    .returning({ id: automationRuns.id, ruleId: automationRuns.ruleId, leadId: automationRuns.leadId });
}

/** Automated texts and emails queued to her by any rule since `since` (her ceiling). */
export async function automatedMessagesSince(
  db: Executor,
  input: { tenantId: string; leadId: string; since: Date },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(automationSteps)
    .where(
      and(
        eq(automationSteps.tenantId, input.tenantId),
        eq(automationSteps.leadId, input.leadId),
        eq(automationSteps.message, true),
        eq(automationSteps.status, 'sent'),
        gte(automationSteps.at, input.since),
      ),
    );
  return row?.n ?? 0;
}

/** Did an automation's step make this change for her since `since`? (A CRM echo of our own change.) */
export async function automationMadeEffect(
  db: Executor,
  input: { tenantId: string; leadId: string; effect: string; since: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: automationSteps.id })
    .from(automationSteps)
    .where(
      and(
        eq(automationSteps.tenantId, input.tenantId),
        eq(automationSteps.leadId, input.leadId),
        eq(automationSteps.effect, input.effect),
        gte(automationSteps.at, input.since),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Her runs, newest first: what `/lead` and `GET /api/v1/leads/:id` show. */
export async function automationRunsOfLead(
  db: Executor,
  input: { tenantId: string; leadId: string; statuses?: string[]; limit?: number },
): Promise<AutomationRunRow[]> {
  return (
    db
      .select()
      .from(automationRuns)
      .where(
        and(
          eq(automationRuns.tenantId, input.tenantId),
          eq(automationRuns.leadId, input.leadId),
          input.statuses ? inArray(automationRuns.status, input.statuses) : undefined,
        ),
      )
      // Active runs first, so a long sequence is never pushed out of view by newer finished ones.
      .orderBy(sql`(${automationRuns.status} = 'active') desc`, desc(automationRuns.startedAt))
      .limit(input.limit ?? 20)
  );
}

/** The steps one run recorded, in order. */
export async function stepsOfRun(db: Executor, tenantId: string, runId: string): Promise<AutomationStepRow[]> {
  return db
    .select()
    .from(automationSteps)
    .where(and(eq(automationSteps.tenantId, tenantId), eq(automationSteps.runId, runId)))
    .orderBy(automationSteps.position, automationSteps.at);
}
