import type { AutomationAction } from '../../../core/automations/automation-action.ts';
import { renderTemplate } from '../../../core/automations/automation-template.ts';
import { renderPlainEmail } from '../../../core/messaging/render-email.ts';
import { ceilingRefusal } from '../../../core/automations/run-decisions.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';
import type { Tx } from '../../client.ts';
import { automatedMessagesSince } from '../../queries/automations/automation-runs.ts';
import { queueLeadMessage } from '../../queries/deliveries/lead-messages.ts';
import { lockLeadForSend } from '../../queries/messaging/lead-listing-sends.ts';
import type { ActionContext, ActionOutcome } from './perform-automation-action.ts';

const DAY_MS = 86_400_000;

/**
 * A text or email to the lead from a template. Refused here, and recorded as suppressed, when she opted out or
 * her ceiling across every automation is reached (counted under her row lock, so two rules firing at once
 * cannot both take the last slot); otherwise a lead message queued with its `sms.send` job, so consent (again,
 * at send time), quiet hours, the disclosure and the opt-out line are the delivery pipeline's.
 */
export async function sendAutomatedMessage(
  tx: Tx,
  ctx: ActionContext,
  step: Extract<AutomationAction, { do: 'text_lead' | 'email_lead' }>,
  key: string,
): Promise<ActionOutcome> {
  const channel = step.do === 'text_lead' ? 'sms' : 'email';
  const consent = channel === 'sms' ? ctx.facts.consentSms : ctx.facts.consentEmail;
  const noun = channel === 'sms' ? 'texts' : 'email';
  if (consent === 'no_address')
    return { status: 'skipped', detail: `no ${channel === 'sms' ? 'phone number' : 'email address'}` };
  if (consent === 'opted_out') {
    // Only an opt-out that came after the run began ends it (an email sequence may go on for a lead without texts).
    const isNew = !ctx.run.optedOutAtStart.includes(channel);
    const exit = isNew && ctx.rule.exitWhen.includes('opted_out') ? 'the lead opted out' : undefined;
    return { status: 'suppressed', detail: `the lead opted out of ${noun}`, ...(exit ? { exit } : {}) };
  }
  await lockLeadForSend(tx, ctx.tenant.id, ctx.lead.id);
  const count = (ms: number) =>
    automatedMessagesSince(tx, {
      tenantId: ctx.tenant.id,
      leadId: ctx.lead.id,
      since: new Date(ctx.now.getTime() - ms),
    });
  const refusal = ceilingRefusal(
    { lastDay: await count(DAY_MS), lastWeek: await count(7 * DAY_MS) },
    ctx.tenant.settings.automations,
  );
  if (refusal) return { status: 'suppressed', detail: refusal };
  const written = renderTemplate(step.template, ctx.values);
  const subject = step.do === 'email_lead' ? renderTemplate(step.subject, ctx.values) : null;
  // An email carries the team's postal address and an unsubscribe link like every lead email (CAN-SPAM).
  const email =
    subject !== null && ctx.deps.emailFrame
      ? renderPlainEmail(ctx.deps.emailFrame(ctx.tenant, ctx.lead), subject, written)
      : null;
  const body = email?.text ?? written;
  const html = email?.html ?? null;
  const delivery = await queueLeadMessage(tx, {
    tenantId: ctx.tenant.id,
    lead: ctx.lead,
    channel,
    idempotencyKey: key,
    purpose: 'automation',
    automated: true,
    body,
    subject,
    html,
    customArgs: { automation: ctx.rule.id },
  });
  if (!delivery) return { status: 'skipped', detail: `no ${channel} address` };
  await ctx.deps.queue.enqueue(
    'sms.send',
    { tenantId: ctx.tenant.id, deliveryId: delivery.id },
    { tx, priority: LANE_PRIORITY[ctx.lane] },
  );
  return {
    status: 'sent',
    detail: `${channel === 'sms' ? 'text' : 'email'} queued`,
    message: true,
    deliveryId: delivery.id,
  };
}
