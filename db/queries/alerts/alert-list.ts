import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { alerts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { AlertRow } from './get-alert.ts';

export interface AlertCursor {
  createdAt: string;
  id: string;
}

export interface AlertListFilter {
  statuses?: string[];
  leadId?: string;
  kinds?: string[];
  priorities?: string[];
  /** Assignee agent id. */
  agentId?: string;
  after?: AlertCursor;
  limit: number;
}

/** A date Postgres can store: JavaScript accepts years Postgres rejects (±100000). */
export function isPostgresDate(text: string): boolean {
  const t = Date.parse(text);
  if (Number.isNaN(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export const encodeAlertCursor = (c: AlertCursor) =>
  Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');

export function decodeAlertCursor(text: string): AlertCursor | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    return typeof createdAt === 'string' && typeof id === 'string' && isPostgresDate(createdAt)
      ? { createdAt, id }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a tenant's alerts, newest first. Keyset pagination on (created_at desc, id desc),
 * so alerts raised while someone pages through never shift or repeat a page.
 */
export async function listAlerts(
  db: Executor,
  tenantId: string,
  filter: AlertListFilter,
): Promise<{ rows: AlertRow[]; next: AlertCursor | null }> {
  const where: SQL[] = [eq(alerts.tenantId, tenantId)];
  if (filter.statuses?.length) where.push(inArray(alerts.status, filter.statuses as AlertRow['status'][]));
  if (filter.kinds?.length) where.push(inArray(alerts.kind, filter.kinds));
  if (filter.priorities?.length) where.push(inArray(alerts.priority, filter.priorities as AlertRow['priority'][]));
  if (filter.leadId) where.push(eq(alerts.leadId, filter.leadId));
  if (filter.agentId) where.push(eq(alerts.assigneeId, filter.agentId));
  if (filter.after) {
    const at = new Date(filter.after.createdAt);
    where.push(or(lt(alerts.createdAt, at), and(eq(alerts.createdAt, at), lt(alerts.id, filter.after.id)))!);
  }
  const rows = await db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > filter.limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}
