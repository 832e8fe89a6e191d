import { and, asc, count, eq, gte, isNull, type SQL } from 'drizzle-orm';
import type { FlatRow } from '../../../core/exports/flatten-row.ts';
import { flattenRow } from '../../../core/exports/flatten-row.ts';
import type { Executor } from '../../client.ts';
import { agents, leads } from '../../schema/index.ts';
import { afterCursor, cursorAtOf, keysetPages } from './keyset-pages.ts';
import type { ExportScope } from './export-scope.ts';

/**
 * The §7 lead (`GET /api/v1/leads`), its assignee as `GET /api/v1/leads/:id` shows it, and when it
 * arrived: the column the export's range filters on.
 */
export const LEAD_COLUMNS = [
  'id',
  'ghlContactId',
  'name',
  'phone',
  'email',
  'score',
  'temperature',
  'reasons',
  'assignee.id',
  'assignee.name',
  'assignee.email',
  'createdAt',
] as const;

const where = (scope: ExportScope): SQL[] => [
  eq(leads.tenantId, scope.tenantId),
  isNull(leads.deletedAt),
  ...(scope.since ? [gte(leads.createdAt, scope.since)] : []),
];

/** A tenant's live leads, oldest first, a page at a time, each flattened to the export's columns. */
export async function* leadExportPages(db: Executor, scope: ExportScope): AsyncGenerator<FlatRow[]> {
  const pages = keysetPages((after, limit) =>
    db
      .select({
        lead: {
          id: leads.id,
          ghlContactId: leads.ghlContactId,
          name: leads.name,
          phone: leads.phone,
          email: leads.email,
          score: leads.score,
          temperature: leads.temperature,
          reasons: leads.reasons,
          createdAt: leads.createdAt,
        },
        assignee: { id: agents.id, name: agents.name, email: agents.email },
        id: leads.id,
        cursorAt: cursorAtOf(leads.createdAt),
      })
      .from(leads)
      .leftJoin(agents, eq(agents.id, leads.assigneeId))
      .where(and(...where(scope), ...(after ? [afterCursor(leads.createdAt, leads.id, after)] : [])))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(limit),
  );
  for await (const page of pages) {
    yield page.map(({ lead, assignee }) =>
      flattenRow({
        id: lead.id,
        ghlContactId: lead.ghlContactId,
        name: lead.name,
        phone: lead.phone,
        email: lead.email,
        score: lead.score,
        temperature: lead.temperature,
        reasons: lead.reasons.map(({ factor, contribution, text }) => ({ factor, contribution, text })),
        assignee: assignee?.id ? assignee : null,
        createdAt: lead.createdAt.toISOString(),
      }),
    );
  }
}

export async function countLeadExport(db: Executor, scope: ExportScope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .where(and(...where(scope)));
  return row?.n ?? 0;
}
