import { and, eq, ilike, isNull, sql } from 'drizzle-orm';
import { leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Lead } from '../leads.ts';

export type LeadQueryKind = 'email' | 'phone' | 'name';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * Live leads a person could mean by what they typed, best score first: an email exactly, a phone
 * by its digits, or part of a name.
 */
export async function findLeads(
  db: Executor,
  tenantId: string,
  query: { text: string; kind: LeadQueryKind },
  limit: number,
): Promise<Lead[]> {
  const q = query.text.trim();
  // Phones compare by digits, as a suffix: "(512) 555-0142" and "+15125550142" are the same phone.
  const digits = q.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  const where =
    query.kind === 'email'
      ? eq(leads.email, q.toLowerCase())
      : query.kind === 'phone'
        ? sql`regexp_replace(coalesce(${leads.phone}, ''), '\\D', '', 'g') like ${`%${digits}`}`
        : ilike(leads.name, `%${escapeLike(q)}%`);
  return db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), isNull(leads.deletedAt), where))
    .orderBy(sql`${leads.score} desc nulls last`, leads.name)
    .limit(limit);
}
