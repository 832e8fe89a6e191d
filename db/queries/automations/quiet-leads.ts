import { and, asc, eq, gt, isNull, lte, notExists, sql } from 'drizzle-orm';
import { automationRuns, leads } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * Leads whose silence (no inbound message, or no human contact) reached `threshold` ago and began no more than
 * `lookback` before that, without a run of this rule for this silence yet (of any version: editing the rule must
 * not message again the leads it reached). The silence's start names the occurrence, so each quiet spell starts
 * the rule at most once.
 */
export async function quietLeads(
  db: Executor,
  input: {
    tenantId: string;
    kind: 'no_inbound' | 'no_human_contact';
    ruleId: string;
    threshold: Date;
    lookback: Date;
    limit: number;
  },
): Promise<Array<{ leadId: string; quietSince: Date; occurrence: string }>> {
  const last = input.kind === 'no_inbound' ? leads.lastInboundAt : leads.lastHumanContactAt;
  const quietSince = sql<Date>`coalesce(${last}, ${leads.createdAt})`;
  const iso = sql`to_char(${quietSince} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const occurrence = sql`${input.kind} || ':' || ${iso}`;
  const rows = await db
    .select({ leadId: leads.id, quietSince: sql<string>`${quietSince}`, occurrence: sql<string>`${occurrence}` })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, input.tenantId),
        isNull(leads.deletedAt),
        isNull(leads.forgottenAt),
        lte(quietSince, input.threshold),
        gt(quietSince, input.lookback),
        notExists(
          db
            .select({ one: sql`1` })
            .from(automationRuns)
            .where(
              and(
                eq(automationRuns.tenantId, input.tenantId),
                eq(automationRuns.ruleId, input.ruleId),
                eq(automationRuns.leadId, leads.id),
                eq(automationRuns.occurrence, occurrence),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(quietSince))
    .limit(input.limit);
  return rows.map((r) => ({ leadId: r.leadId, quietSince: new Date(r.quietSince), occurrence: r.occurrence }));
}

/** A page of the team's live leads in id order, after `cursor` (a scheduled rule's pass). */
export async function leadIdsAfter(
  db: Executor,
  input: { tenantId: string; cursor: string | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, input.tenantId),
        isNull(leads.deletedAt),
        isNull(leads.forgottenAt),
        input.cursor ? gt(leads.id, input.cursor) : undefined,
      ),
    )
    .orderBy(asc(leads.id))
    .limit(input.limit);
  return rows.map((r) => r.id);
}
