import type { TriggerOccurrence } from '../../core/automations/automation-trigger.ts';
import { fireAutomationTrigger } from '../../db/use-cases/automations/fire-automation-trigger.ts';
import { defineHandler, jobLane } from '../handler.ts';

/** `automation.trigger`: one event for one lead against the team's rules (see fireAutomationTrigger). */
export default defineHandler('automation.trigger', async (data, ctx) => {
  const { runtime } = ctx;
  const results = await fireAutomationTrigger(runtime, {
    tenantId: data.tenantId,
    leadId: data.leadId,
    trigger: data.trigger as unknown as TriggerOccurrence,
    lane: jobLane(ctx),
  });
  if (results.length)
    runtime.logger.info(
      { tenantId: data.tenantId, leadId: data.leadId, event: data.trigger.event, results },
      'automation trigger evaluated',
    );
});
