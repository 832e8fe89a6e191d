import { decideEmailFrequency, EmailFrequency } from '../../core/messaging/email-frequency.ts';
import { renderStillInterestedEmail } from '../../core/messaging/render-email.ts';
import type { Lead } from '../../db/queries/leads.ts';
import {
  getEmailEngagement,
  leadSearchFrequency,
  saveEmailEngagement,
  setLeadSearchFrequency,
} from '../../db/queries/messaging/email-engagement.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendLeadMessageNow } from '../lead-messages/send-lead-message-now.ts';
import { emailFrame } from './email-frame.ts';
import { unsubscribeUrl } from './unsubscribe-url.ts';

/**
 * Feeds one delivered/open/click into the lead's cadence: delivered counts as unopened until an
 * open or click resets it; core/messaging/email-frequency.ts then decides whether to ask "still
 * interested?", step down (daily → weekly → paused) or restore what the lead chose.
 */
export async function recordEmailEngagement(
  runtime: Runtime,
  tenant: Tenant,
  lead: Lead,
  kind: 'delivered' | 'open' | 'click' | 'kept',
  at: Date,
) {
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
  if (decision.action === 'send_still_interested' && lead.email) {
    const keep = unsubscribeUrl(
      runtime,
      { tenantId: tenant.id, channel: 'email', address: lead.email },
      { keep: true },
    );
    const email = renderStillInterestedEmail(emailFrame(runtime, tenant, lead), keep);
    state.stillInterestedSentAt = runtime.clock.now();
    await sendLeadMessageNow(runtime, {
      tenantId: tenant.id,
      lead,
      channel: 'email',
      purpose: 'still_interested',
      automated: true,
      idempotencyKey: `still-interested:${lead.id}:${state.stillInterestedSentAt.toISOString()}`,
      subject: email.subject,
      html: email.html,
      body: email.text,
    });
  }
  await saveEmailEngagement(runtime.db, { tenantId: tenant.id, leadId: lead.id, ...state });
  return decision;
}
