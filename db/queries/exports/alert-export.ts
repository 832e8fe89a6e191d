import { and, asc, count, eq, gte, type SQL } from 'drizzle-orm';
import type { FlatRow } from '../../../core/exports/flatten-row.ts';
import type { Executor } from '../../client.ts';
import { alerts } from '../../schema/index.ts';
import { afterCursor, cursorAtOf, keysetPages } from './keyset-pages.ts';
import type { ExportScope } from './export-scope.ts';

/** The `Alert` object of the REST API (what `POST /api/v1/alerts/:id/actions` answers), field for field. */
export const ALERT_COLUMNS = [
  'id',
  'kind',
  'priority',
  'status',
  'leadId',
  'listingKey',
  'assigneeId',
  'reason',
  'createdAt',
  'claimedAt',
  'acknowledgedAt',
  'contactedAt',
  'closedAt',
  'snoozedUntil',
  'expiresAt',
  'escalateAt',
  'escalationLevel',
] as const;

const where = (scope: ExportScope): SQL[] => [
  eq(alerts.tenantId, scope.tenantId),
  ...(scope.since ? [gte(alerts.createdAt, scope.since)] : []),
];

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A tenant's alerts, oldest first, a page at a time. Only the exported columns are read: no routing or details. */
export async function* alertExportPages(db: Executor, scope: ExportScope): AsyncGenerator<FlatRow[]> {
  const pages = keysetPages((after, limit) =>
    db
      .select({
        id: alerts.id,
        kind: alerts.kind,
        priority: alerts.priority,
        status: alerts.status,
        leadId: alerts.leadId,
        listingKey: alerts.listingKey,
        assigneeId: alerts.assigneeId,
        reason: alerts.reason,
        createdAt: alerts.createdAt,
        claimedAt: alerts.claimedAt,
        acknowledgedAt: alerts.acknowledgedAt,
        contactedAt: alerts.contactedAt,
        closedAt: alerts.closedAt,
        snoozedUntil: alerts.snoozedUntil,
        expiresAt: alerts.expiresAt,
        escalateAt: alerts.escalateAt,
        escalationLevel: alerts.escalationLevel,
        cursorAt: cursorAtOf(alerts.createdAt),
      })
      .from(alerts)
      .where(and(...where(scope), ...(after ? [afterCursor(alerts.createdAt, alerts.id, after)] : [])))
      .orderBy(asc(alerts.createdAt), asc(alerts.id))
      .limit(limit),
  );
  for await (const page of pages) {
    yield page.map((a) => ({
      id: a.id,
      kind: a.kind,
      priority: a.priority,
      status: a.status,
      leadId: a.leadId,
      listingKey: a.listingKey,
      assigneeId: a.assigneeId,
      reason: a.reason,
      createdAt: a.createdAt.toISOString(),
      claimedAt: iso(a.claimedAt),
      acknowledgedAt: iso(a.acknowledgedAt),
      contactedAt: iso(a.contactedAt),
      closedAt: iso(a.closedAt),
      snoozedUntil: iso(a.snoozedUntil),
      expiresAt: iso(a.expiresAt),
      escalateAt: iso(a.escalateAt),
      escalationLevel: a.escalationLevel,
    }));
  }
}

export async function countAlertExport(db: Executor, scope: ExportScope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(...where(scope)));
  return row?.n ?? 0;
}
