import {
  decideEmailFrequency,
  EmailFrequency,
  type EmailFrequencyDecision,
} from '../../core/messaging/email-frequency.ts';
import type { Lead } from '../../db/queries/leads.ts';
import {
  getEmailEngagement,
  leadSearchFrequency,
  saveEmailEngagement,
  setLeadSearchFrequency,
} from '../../db/queries/messaging/email-engagement.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';

export type EmailEngagementKind = 'delivered' | 'open' | 'click' | 'kept';

/**
 * Feeds one delivered/open/click/"keep sending" into the lead's cadence: delivered counts as unopened until an
 * open or click resets it; core/messaging/email-frequency.ts then decides whether to ask "still interested?",
 * step down (daily → weekly → paused) or restore what the lead chose. Asking is `askStillInterested`'s job
 * (bots/email/email-engagement.ts sends the email); without one nothing is asked, which only an unopened
 * delivery can call for. Kept apart from the sending so the unsubscribe page, which the edge Worker serves too,
 * records a "keep sending" without bundling every delivery channel.
 * @example await updateEmailCadence(runtime, tenant, lead, 'kept', runtime.clock.now())
 */
export async function updateEmailCadence(
  runtime: Pick<Runtime, 'db' | 'clock'>,
  tenant: Tenant,
  lead: Lead,
  kind: EmailEngagementKind,
  at: Date,
  askStillInterested?: (sentAt: Date) => Promise<void>,
): Promise<EmailFrequencyDecision> {
  const chosen = (await leadSearchFrequency(runtime.db, tenant.id, lead.id)) ?? 'instant';
  const row = await getEmailEngagement(runtime.db, tenant.id, lead.id);
  const engaged = kind !== 'delivered';
  const current = EmailFrequency.catch(chosen).parse(row?.current ?? chosen);
  const state = {
    preferred: EmailFrequency.exclude(['paused'])
      .catch(chosen)
      .parse(row?.preferred ?? chosen),
    current,
    changedAt: row?.changedAt ?? null,
    lastEngagedAt: engaged ? at : (row?.lastEngagedAt ?? null),
    unopenedCount: engaged ? 0 : (row?.unopenedCount ?? 0) + 1,
    stillInterestedSentAt: row?.stillInterestedSentAt ?? null,
  };
  const decision = decideEmailFrequency(state, runtime.clock.now());
  if (decision.action === 'step_down' || decision.action === 'restore') {
    state.current = decision.frequency;
    state.changedAt = runtime.clock.now();
    state.unopenedCount = 0;
    if (decision.frequency !== 'paused')
      await setLeadSearchFrequency(runtime.db, tenant.id, lead.id, decision.frequency);
  }
  if (decision.action === 'send_still_interested' && lead.email && askStillInterested) {
    state.stillInterestedSentAt = runtime.clock.now();
    await askStillInterested(state.stillInterestedSentAt);
  }
  await saveEmailEngagement(runtime.db, { tenantId: tenant.id, leadId: lead.id, ...state });
  return decision;
}
