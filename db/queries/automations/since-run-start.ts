import { and, eq, gte, inArray, or, sql } from 'drizzle-orm';
import type { SinceRunStart } from '../../../core/automations/run-decisions.ts';
import type { LeadFacts } from '../../../core/automations/automation-condition.ts';
import { leadActivities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/**
 * What happened to her since a run started, for its exit conditions: a reply (an inbound message that is
 * not a STOP/HELP keyword), a booked appointment, an opt-out, the stages her deal moved to.
 */
export async function sinceRunStart(
  db: Executor,
  input: { tenantId: string; leadId: string; facts: LeadFacts; since: Date; optedOutAtStart: readonly string[] },
): Promise<SinceRunStart> {
  const rows = await db
    .select({ kind: leadActivities.kind, meta: leadActivities.meta })
    .from(leadActivities)
    .where(
      and(
        eq(leadActivities.tenantId, input.tenantId),
        eq(leadActivities.leadId, input.leadId),
        // When it happened, not when we stored it: the run's clock is the engine's (a test's) clock too.
        gte(leadActivities.occurredAt, input.since),
        or(
          and(
            eq(leadActivities.kind, 'message'),
            eq(leadActivities.direction, 'inbound'),
            sql`coalesce(${leadActivities.meta}->>'keyword', 'none') = 'none'`,
          ),
          inArray(leadActivities.kind, ['appointment', 'stage_change']),
        ),
      ),
    );
  const stages = rows
    .filter((r) => r.kind === 'stage_change')
    .flatMap((r) => [r.meta.stageId, r.meta.status].filter((v): v is string => typeof v === 'string'));
  return {
    replied: rows.some((r) => r.kind === 'message'),
    appointmentBooked: rows.some((r) => r.kind === 'appointment'),
    // A new opt-out only: a lead who had stopped texts before the run began can still be emailed by it.
    optedOut: optedOutNow(input.facts).some((c) => !input.optedOutAtStart.includes(c)),
    stages,
  };
}

/** The channels she is opted out of now (stored on a run when it starts). */
export function optedOutNow(facts: Pick<LeadFacts, 'consentSms' | 'consentEmail'>): string[] {
  return [
    ...(facts.consentSms === 'opted_out' ? ['sms'] : []),
    ...(facts.consentEmail === 'opted_out' ? ['email'] : []),
  ];
}
