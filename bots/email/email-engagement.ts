import { renderStillInterestedEmail } from '../../core/messaging/render-email.ts';
import type { Lead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendLeadMessageNow } from '../lead-messages/send-lead-message-now.ts';
import { updateEmailCadence, type EmailEngagementKind } from './email-cadence.ts';
import { emailFrame } from './email-frame.ts';
import { unsubscribeUrl } from './unsubscribe-url.ts';

/**
 * Feeds one delivered/open/click into the lead's cadence (bots/email/email-cadence.ts) and, when the cadence
 * calls for it, asks the lead "still interested?" by email, with a link to keep sending.
 */
export async function recordEmailEngagement(
  runtime: Runtime,
  tenant: Tenant,
  lead: Lead,
  kind: EmailEngagementKind,
  at: Date,
) {
  return updateEmailCadence(runtime, tenant, lead, kind, at, async (sentAt) => {
    const keep = unsubscribeUrl(
      runtime,
      { tenantId: tenant.id, channel: 'email', address: lead.email! },
      { keep: true },
    );
    const email = renderStillInterestedEmail(emailFrame(runtime, tenant, lead), keep);
    await sendLeadMessageNow(runtime, {
      tenantId: tenant.id,
      lead,
      channel: 'email',
      purpose: 'still_interested',
      automated: true,
      idempotencyKey: `still-interested:${lead.id}:${sentAt.toISOString()}`,
      subject: email.subject,
      html: email.html,
      body: email.text,
    });
  });
}
