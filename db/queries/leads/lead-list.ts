import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Lead } from '../leads.ts';

/** Position after the last row of a page, in the list's order (score desc, id asc). */
export interface LeadCursor {
  score: number;
  id: string;
}

export interface LeadListFilter {
  /** Matches name, email, phone or GHL contact id, case-insensitively. */
  q?: string;
  temperatures?: Array<'hot' | 'warm' | 'cold'>;
  /** Assigned agent id. */
  agentId?: string;
  after?: LeadCursor;
  limit: number;
}

// Unscored leads sort last: -1 is below every real score (0–100).
const sortScore: SQL<number> = sql<number>`coalesce(${leads.score}, -1)`;

export const encodeLeadCursor = (c: LeadCursor) => Buffer.from(JSON.stringify([c.score, c.id])).toString('base64url');

export function decodeLeadCursor(text: string): LeadCursor | undefined {
  try {
    const [score, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    // Scores are integers −1…100 in the database; anything else would reach Postgres as a type error.
    return Number.isInteger(score) && (score as number) >= -1 && (score as number) <= 100 && typeof id === 'string'
      ? { score: score as number, id }
      : undefined;
  } catch {
    return undefined;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of a tenant's leads, best first. Keyset pagination on (score desc, id): a lead
 * re-scored between pages may move, but no page repeats or skips a lead that stayed put.
 */
export async function listLeads(
  db: Executor,
  tenantId: string,
  filter: LeadListFilter,
): Promise<{ rows: Lead[]; next: LeadCursor | null }> {
  const where: SQL[] = [eq(leads.tenantId, tenantId), isNull(leads.deletedAt)];
  if (filter.q?.trim()) {
    const like = `%${escapeLike(filter.q.trim())}%`;
    where.push(
      or(ilike(leads.name, like), ilike(leads.email, like), ilike(leads.phone, like), ilike(leads.ghlContactId, like))!,
    );
  }
  if (filter.temperatures?.length) where.push(inArray(leads.temperature, filter.temperatures));
  if (filter.agentId) where.push(eq(leads.assigneeId, filter.agentId));
  if (filter.after)
    where.push(
      sql`(${sortScore} < ${filter.after.score}
        or (${sortScore} = ${filter.after.score} and ${leads.id} > ${filter.after.id}))`,
    );
  const rows = await db
    .select()
    .from(leads)
    .where(and(...where))
    .orderBy(desc(sortScore), asc(leads.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > filter.limit && last ? { score: last.score ?? -1, id: last.id } : null };
}

export async function listLeadIds(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), isNull(leads.deletedAt)));
  return rows.map((r) => r.id);
}
