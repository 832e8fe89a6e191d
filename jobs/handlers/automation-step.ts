import { leadListingUrl } from '../../core/messaging/lead-listing-url.ts';
import { reachOf } from '../../bots/deliveries/reachable-channels.ts';
import { emailFrame } from '../../bots/email/email-frame.ts';
import { runAutomationStep } from '../../db/use-cases/automations/run-automation-step.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { defineHandler, jobLane } from '../handler.ts';

/** `automation.step`: a run's next steps, now or when its wait is over (see runAutomationStep). */
export default defineHandler('automation.step', async (data, ctx) => {
  const { runtime } = ctx;
  const tenant = await getTenant(runtime.db, data.tenantId);
  if (!tenant) return;
  const listingUrl = (lead: { id: string; phone: string | null }, listingKey: string) =>
    leadListingUrl(
      { env: runtime.env, tenant, now: runtime.clock.now() },
      { tenantId: tenant.id, leadId: lead.id, listingKey, via: lead.phone ? 'sms' : 'email' },
    );
  const outcome = await runAutomationStep(
    {
      db: runtime.db,
      queue: runtime.queue,
      clock: runtime.clock,
      reach: reachOf(runtime),
      listingUrl,
      emailFrame: (t, lead) => emailFrame(runtime, t, lead),
    },
    { ...data, lane: jobLane(ctx) },
  );
  runtime.logger.debug(
    { tenantId: data.tenantId, runId: data.runId, position: data.position, outcome },
    'automation step',
  );
});
