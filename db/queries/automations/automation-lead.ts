import { and, desc, eq, isNull } from 'drizzle-orm';
import { leadFactsOf } from '../../../core/automations/lead-facts-of.ts';
import type { LeadFacts } from '../../../core/automations/automation-condition.ts';
import { opportunities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { isSendAllowed } from '../consent.ts';
import { getLiveLead, type Lead } from '../leads.ts';
import type { Tenant } from '../tenants.ts';

/** Her newest deal: its stage and status, and when a deal of hers was last won. */
async function dealOf(db: Executor, tenantId: string, leadId: string) {
  const rows = await db
    .select({
      stageId: opportunities.stageId,
      status: opportunities.status,
      outcome: opportunities.outcome,
      outcomeAt: opportunities.outcomeAt,
    })
    .from(opportunities)
    .where(and(eq(opportunities.tenantId, tenantId), eq(opportunities.leadId, leadId), isNull(opportunities.deletedAt)))
    .orderBy(desc(opportunities.updatedAt))
    .limit(20);
  const won = rows.filter((r) => r.outcome === 'won' && r.outcomeAt).map((r) => r.outcomeAt!.getTime());
  return {
    stage: (rows.find((r) => r.status === null || r.status === 'open') ?? rows[0])?.stageId ?? null,
    status: rows[0]?.status ?? null,
    wonAt: won.length ? new Date(Math.max(...won)) : null,
  };
}

/**
 * A live lead and the facts a rule's `if` tests about her now. Undefined when she is gone or forgotten.
 * @example const loaded = await loadAutomationLead(db, tenant, leadId, clock.now())
 */
export async function loadAutomationLead(
  db: Executor,
  tenant: Tenant,
  leadId: string,
  now: Date,
): Promise<{ lead: Lead; facts: LeadFacts } | undefined> {
  const lead = await getLiveLead(db, tenant.id, leadId);
  if (!lead || lead.forgottenAt) return undefined;
  const [deal, smsAllowed, emailAllowed] = await Promise.all([
    dealOf(db, tenant.id, lead.id),
    lead.phone ? isSendAllowed(db, tenant.id, 'sms', lead.phone) : Promise.resolve(false),
    lead.email ? isSendAllowed(db, tenant.id, 'email', lead.email) : Promise.resolve(false),
  ]);
  const team = { timezone: tenant.timezone, officeHours: tenant.settings.officeHours };
  return { lead, facts: leadFactsOf(lead, { smsAllowed, emailAllowed, ...deal }, team, now) };
}
