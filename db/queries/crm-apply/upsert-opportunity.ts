import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { opportunities } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import type { CrmOpportunity } from '../../../core/ghl/crm-event.ts';

export type UpsertOpportunityResult =
  | { applied: true; id: string; previous: { stageId: string | null; status: string | null } | null }
  | { applied: false; reason: string };

/**
 * Upserts an opportunity with the same ordering rule as contacts (the upsert's WHERE compares
 * version clocks). The won/lost `outcome` is the training label for lead scoring: set when the
 * deal closes, cleared only by an explicit reopen (status `open`), kept through other edits.
 */
export async function upsertOpportunity(
  tx: Tx,
  input: {
    tenantId: string;
    leadId: string | null;
    opportunity: CrmOpportunity;
    outcome: 'won' | 'lost' | null;
    updatedAt: Date | null;
    now: Date;
  },
): Promise<UpsertOpportunityResult> {
  const o = input.opportunity;
  const [previous] = await tx
    .select({ stageId: opportunities.stageId, status: opportunities.status })
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, input.tenantId), eq(opportunities.ghlOpportunityId, o.ghlOpportunityId)));
  const reopened = o.status === 'open';
  const outcomeAt = input.outcome ? (input.updatedAt ?? input.now) : null;
  const [row] = await tx
    .insert(opportunities)
    .values({
      tenantId: input.tenantId,
      ghlOpportunityId: o.ghlOpportunityId,
      leadId: input.leadId,
      name: o.name,
      pipelineId: o.pipelineId,
      stageId: o.stageId,
      status: o.status,
      monetaryValue: o.monetaryValue,
      assignedTo: o.assignedTo,
      outcome: input.outcome,
      outcomeAt,
      crmUpdatedAt: input.updatedAt,
    })
    .onConflictDoUpdate({
      target: [opportunities.tenantId, opportunities.ghlOpportunityId],
      set: {
        leadId: sql.raw('coalesce(excluded.lead_id, opportunities.lead_id)'),
        name: sql.raw('coalesce(excluded.name, opportunities.name)'),
        pipelineId: sql.raw('coalesce(excluded.pipeline_id, opportunities.pipeline_id)'),
        stageId: sql.raw('coalesce(excluded.stage_id, opportunities.stage_id)'),
        status: sql.raw('coalesce(excluded.status, opportunities.status)'),
        monetaryValue: sql.raw('coalesce(excluded.monetary_value, opportunities.monetary_value)'),
        assignedTo: sql.raw('coalesce(excluded.assigned_to, opportunities.assigned_to)'),
        outcome: input.outcome ? sql.raw('excluded.outcome') : reopened ? sql`null` : sql.raw('opportunities.outcome'),
        outcomeAt: input.outcome
          ? sql.raw('excluded.outcome_at')
          : reopened
            ? sql`null`
            : sql.raw('opportunities.outcome_at'),
        crmUpdatedAt: sql.raw('coalesce(excluded.crm_updated_at, opportunities.crm_updated_at)'),
        deletedAt: sql`null`,
        updatedAt: sql`now()`,
      },
      setWhere: input.updatedAt
        ? or(isNull(opportunities.crmUpdatedAt), lte(opportunities.crmUpdatedAt, input.updatedAt))
        : undefined,
    })
    .returning({ id: opportunities.id });
  if (!row)
    return {
      applied: false,
      reason: `opportunity ${o.ghlOpportunityId}: update from ${input.updatedAt?.toISOString()} is older than the one already applied`,
    };
  return { applied: true, id: row.id, previous: previous ?? null };
}

export async function deleteOpportunity(
  tx: Tx,
  input: { tenantId: string; ghlOpportunityId: string; updatedAt: Date | null; now: Date },
): Promise<{ leadId: string | null } | null> {
  const [row] = await tx
    .update(opportunities)
    .set({ deletedAt: input.now, updatedAt: input.now, ...(input.updatedAt ? { crmUpdatedAt: input.updatedAt } : {}) })
    .where(
      and(
        eq(opportunities.tenantId, input.tenantId),
        eq(opportunities.ghlOpportunityId, input.ghlOpportunityId),
        isNull(opportunities.deletedAt),
        input.updatedAt
          ? or(isNull(opportunities.crmUpdatedAt), lte(opportunities.crmUpdatedAt, input.updatedAt))
          : undefined,
      ),
    )
    .returning({ leadId: opportunities.leadId });
  return row ?? null;
}
