import { and, asc, count, eq, gte, isNull, type SQL } from 'drizzle-orm';
import { flattenRow, type FlatRow } from '../../../core/exports/flatten-row.ts';
import type { Executor } from '../../client.ts';
import { leads, opportunities } from '../../schema/index.ts';
import { afterCursor, cursorAtOf, keysetPages } from './keyset-pages.ts';
import type { ExportScope } from './export-scope.ts';

/**
 * A deal is a GHL opportunity: what `/pipeline` counts, with its stage, value and outcome, and the
 * lead it belongs to (`lead.id`, `lead.name`). Deleted opportunities are left out.
 */
export const DEAL_COLUMNS = [
  'id',
  'ghlOpportunityId',
  'name',
  'status',
  'outcome',
  'monetaryValue',
  'pipelineId',
  'stageId',
  'assignedTo',
  'lead.id',
  'lead.name',
  'outcomeAt',
  'createdAt',
  'updatedAt',
] as const;

const where = (scope: ExportScope): SQL[] => [
  eq(opportunities.tenantId, scope.tenantId),
  isNull(opportunities.deletedAt),
  ...(scope.since ? [gte(opportunities.createdAt, scope.since)] : []),
];

/** A tenant's deals, oldest first, a page at a time. */
export async function* dealExportPages(db: Executor, scope: ExportScope): AsyncGenerator<FlatRow[]> {
  const pages = keysetPages((after, limit) =>
    db
      .select({
        deal: opportunities,
        lead: { id: leads.id, name: leads.name },
        id: opportunities.id,
        cursorAt: cursorAtOf(opportunities.createdAt),
      })
      .from(opportunities)
      // The join names the tenant too: a lead id is only ever read inside the exporting team.
      .leftJoin(leads, and(eq(leads.id, opportunities.leadId), eq(leads.tenantId, opportunities.tenantId)))
      .where(and(...where(scope), ...(after ? [afterCursor(opportunities.createdAt, opportunities.id, after)] : [])))
      .orderBy(asc(opportunities.createdAt), asc(opportunities.id))
      .limit(limit),
  );
  for await (const page of pages) {
    yield page.map(({ deal, lead }) =>
      flattenRow({
        id: deal.id,
        ghlOpportunityId: deal.ghlOpportunityId,
        name: deal.name,
        status: deal.status,
        outcome: deal.outcome,
        monetaryValue: deal.monetaryValue,
        pipelineId: deal.pipelineId,
        stageId: deal.stageId,
        assignedTo: deal.assignedTo,
        lead: lead?.id ? lead : null,
        outcomeAt: deal.outcomeAt?.toISOString() ?? null,
        createdAt: deal.createdAt.toISOString(),
        updatedAt: deal.updatedAt.toISOString(),
      }),
    );
  }
}

export async function countDealExport(db: Executor, scope: ExportScope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(opportunities)
    .where(and(...where(scope)));
  return row?.n ?? 0;
}
