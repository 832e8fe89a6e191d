import { and, eq, sql } from 'drizzle-orm';
import type { AutomationAction } from '../../../core/automations/automation-action.ts';
import type { LeadFacts } from '../../../core/automations/automation-condition.ts';
import type { AutomationRule } from '../../../core/automations/automation-rule.ts';
import { renderTemplate, type TemplateValues } from '../../../core/automations/automation-template.ts';
import { LANE_PRIORITY, type Lane } from '../../../core/inbound/job-lane.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { EmailFrame } from '../../../core/messaging/render-email.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Tx } from '../../client.ts';
import { leads } from '../../schema/index.ts';
import { getAutomationRule } from '../../queries/automations/automation-rules.ts';
import {
  endActiveRuns,
  insertAutomationRun,
  type AutomationRunRow,
} from '../../queries/automations/automation-runs.ts';
import { queueAutomationTrigger } from '../../queries/automations/queue-automation-trigger.ts';
import { enqueueGhlWriteback, writebackRef } from '../../queries/ghl-writeback-ops.ts';
import type { Lead } from '../../queries/leads.ts';
import type { Agent, Tenant } from '../../queries/tenants.ts';
import type { Reach } from '../deliveries/reach.ts';
import { noteAgentsOfLead } from '../leads/note-agents-of-lead.ts';
import { assignLeadByRouting } from './assign-lead-by-routing.ts';
import { newestOpenOpportunity } from '../../queries/automations/newest-open-opportunity.ts';
import { sendAutomatedMessage } from './send-automated-message.ts';
import { optedOutNow } from '../../queries/automations/since-run-start.ts';

/** The sender, postal address and unsubscribe link of a lead email (bots/email/email-frame.ts, from the job). */
export type AutomationEmailFrame = (tenant: Tenant, lead: Lead) => EmailFrame;

export interface ActionContext {
  deps: { queue: JobQueue; clock: Clock; reach: Reach; emailFrame?: AutomationEmailFrame };
  tenant: Tenant;
  lead: Lead;
  facts: LeadFacts;
  agent: Agent | undefined;
  run: AutomationRunRow;
  rule: AutomationRule;
  position: number;
  values: TemplateValues;
  lane: Lane;
  now: Date;
}

export interface ActionOutcome {
  status: 'sent' | 'done' | 'skipped' | 'suppressed' | 'failed';
  detail: string;
  message?: boolean;
  deliveryId?: string;
  effect?: string;
  /** The run ends after this step (an opt-out found while sending). */
  exit?: string;
}

/** What one automation step does, inside the step's transaction: every side effect is a row or a queued job. */
export async function performAutomationAction(
  tx: Tx,
  ctx: ActionContext,
  step: AutomationAction,
): Promise<ActionOutcome> {
  const key = `automation:${ctx.run.id}:${ctx.position}`;
  switch (step.do) {
    case 'text_lead':
    case 'email_lead':
      return sendAutomatedMessage(tx, ctx, step, key);
    case 'notify':
      return notify(tx, ctx, step, key);
    case 'ghl_task': {
      if (!ctx.lead.ghlContactId) return { status: 'skipped', detail: 'the lead is not a GHL contact' };
      const assignedTo = ctx.agent?.ghlUserId ?? ctx.lead.ghlAssignedTo ?? undefined;
      const due = new Date(ctx.now.getTime() + step.dueInMinutes * 60_000).toISOString();
      await enqueueGhlWriteback(
        ctx.deps.queue,
        {
          tenantId: ctx.tenant.id,
          ...(ctx.lead.ghlLocationId ? { locationId: ctx.lead.ghlLocationId } : {}),
          op: 'create_task',
          args: {
            contactId: ctx.lead.ghlContactId,
            title: renderTemplate(step.title, ctx.values),
            ...(step.body ? { body: renderTemplate(step.body, ctx.values) } : {}),
            dueDate: due,
            ...(assignedTo ? { assignedTo } : {}),
            ref: writebackRef(key),
          },
        },
        { tx, priority: LANE_PRIORITY[ctx.lane] },
      );
      return { status: 'done', detail: `GHL task queued${assignedTo ? ` for ${assignedTo}` : ''}, due ${due}` };
    }
    case 'ghl_note': {
      if (!ctx.lead.ghlContactId) return { status: 'skipped', detail: 'the lead is not a GHL contact' };
      await enqueueGhlWriteback(
        ctx.deps.queue,
        {
          tenantId: ctx.tenant.id,
          ...(ctx.lead.ghlLocationId ? { locationId: ctx.lead.ghlLocationId } : {}),
          op: 'add_note',
          args: {
            contactId: ctx.lead.ghlContactId,
            body: renderTemplate(step.template, ctx.values),
            ref: writebackRef(key),
          },
        },
        { tx },
      );
      return { status: 'done', detail: 'GHL note queued' };
    }
    case 'add_tag':
    case 'remove_tag':
      return changeTag(tx, ctx, step.do === 'add_tag' ? 'add' : 'remove', step.tag, key);
    case 'move_stage': {
      const deal = await newestOpenOpportunity(tx, ctx.tenant.id, ctx.lead.id);
      if (!deal) return { status: 'skipped', detail: 'the lead has no open opportunity' };
      await enqueueGhlWriteback(
        ctx.deps.queue,
        {
          tenantId: ctx.tenant.id,
          ...(ctx.lead.ghlLocationId ? { locationId: ctx.lead.ghlLocationId } : {}),
          op: 'update_opportunity',
          args: {
            opportunityId: deal.ghlOpportunityId,
            ...(step.stageId ? { pipelineStageId: step.stageId } : {}),
            ...(step.status ? { status: step.status } : {}),
          },
        },
        { tx },
      );
      if (!step.stageId)
        return { status: 'done', detail: `opportunity ${deal.ghlOpportunityId} marked ${step.status}` };
      // Our own move is an event for the other rules now (GHL's echo of it is then ignored, see fireAutomationTrigger).
      await queueAutomationTrigger(tx, ctx.deps.queue, {
        tenantId: ctx.tenant.id,
        leadId: ctx.lead.id,
        lane: ctx.lane,
        trigger: {
          event: 'stage_changed',
          occurrence: `stage_changed:${key}`,
          at: ctx.now.toISOString(),
          stageId: step.stageId,
          status: step.status ?? 'open',
          causedBy: [...new Set([...ctx.run.causedBy, ctx.rule.id])],
        },
      });
      return {
        status: 'done',
        detail: `opportunity ${deal.ghlOpportunityId} moved`,
        effect: `stage_changed:${step.stageId}`,
      };
    }
    case 'assign':
      return assignLeadByRouting(tx, ctx, step.routingRule);
    case 'enroll':
      return enroll(tx, ctx, step.ruleId);
    case 'stop': {
      const ended = await endActiveRuns(tx, {
        tenantId: ctx.tenant.id,
        leadId: ctx.lead.id,
        ...(step.ruleId === '*' ? {} : { ruleId: step.ruleId }),
        exceptRunId: ctx.run.id,
        status: 'exited',
        reason: `stopped by ${ctx.rule.id}`,
        now: ctx.now,
      });
      return { status: 'done', detail: `stopped ${ended.length} sequence(s)` };
    }
    case 'set_field': {
      await tx
        .update(leads)
        .set({ [step.field]: step.value, updatedAt: ctx.now })
        .where(and(eq(leads.tenantId, ctx.tenant.id), eq(leads.id, ctx.lead.id)));
      return { status: 'done', detail: `${step.field} set to ${JSON.stringify(step.value)}` };
    }
  }
}

async function notify(
  tx: Tx,
  ctx: ActionContext,
  step: Extract<AutomationAction, { do: 'notify' }>,
  key: string,
): Promise<ActionOutcome> {
  const to = step.to;
  const named = (agent: Agent) =>
    to === 'managers'
      ? agent.role !== 'agent'
      : typeof to === 'object' &&
        to.agents.some((x) => x === agent.id || x.toLowerCase() === agent.email.toLowerCase());
  const noted = await noteAgentsOfLead(tx, ctx.deps, {
    tenant: ctx.tenant,
    // Her agent here, else the one linked to her GHL owner; the note falls back to the managers.
    lead: { assigneeId: ctx.agent?.id ?? ctx.lead.assigneeId },
    key,
    text: renderTemplate(step.template, ctx.values),
    ...(to === 'assignee' ? {} : { to: named }),
  });
  return { status: noted ? 'done' : 'skipped', detail: noted ? `noted ${noted} agent(s)` : 'nobody reachable' };
}

async function changeTag(
  tx: Tx,
  ctx: ActionContext,
  change: 'add' | 'remove',
  tag: string,
  key: string,
): Promise<ActionOutcome> {
  const has = ctx.lead.tags.some((t) => t.toLowerCase() === tag.toLowerCase());
  if ((change === 'add') === has)
    return { status: 'done', detail: `tag ${tag} already ${change === 'add' ? 'there' : 'gone'}` };
  await tx
    .update(leads)
    .set({
      tags: change === 'add' ? sql`array_append(${leads.tags}, ${tag})` : sql`array_remove(${leads.tags}, ${tag})`,
      updatedAt: ctx.now,
    })
    .where(and(eq(leads.tenantId, ctx.tenant.id), eq(leads.id, ctx.lead.id)));
  if (ctx.lead.ghlContactId)
    await enqueueGhlWriteback(
      ctx.deps.queue,
      {
        tenantId: ctx.tenant.id,
        ...(ctx.lead.ghlLocationId ? { locationId: ctx.lead.ghlLocationId } : {}),
        op: change === 'add' ? 'add_tags' : 'remove_tags',
        args: { contactId: ctx.lead.ghlContactId, tags: [tag] },
      },
      { tx },
    );
  const event = change === 'add' ? 'tag_added' : 'tag_removed';
  // Our own change is an event for the other rules; this one (and those that led here) skip it: loop protection.
  await queueAutomationTrigger(tx, ctx.deps.queue, {
    tenantId: ctx.tenant.id,
    leadId: ctx.lead.id,
    lane: ctx.lane,
    trigger: {
      event,
      occurrence: `${event}:${tag.toLowerCase()}:${key}`,
      at: ctx.now.toISOString(),
      tag,
      causedBy: [...new Set([...ctx.run.causedBy, ctx.rule.id])],
    },
  });
  return {
    status: 'done',
    detail: `tag ${tag} ${change === 'add' ? 'added' : 'removed'}`,
    effect: `${event}:${tag.toLowerCase()}`,
  };
}

async function enroll(tx: Tx, ctx: ActionContext, ruleId: string): Promise<ActionOutcome> {
  // A rule enrolling itself, or one of the rules that led here, would loop for ever.
  if (ruleId === ctx.rule.id || ctx.run.causedBy.includes(ruleId))
    return { status: 'skipped', detail: `loop: ${ruleId} already led here` };
  const target = await getAutomationRule(tx, ctx.tenant.id, ruleId);
  if (!target || target.deletedAt || !target.enabled)
    return { status: 'skipped', detail: `rule ${ruleId} is not enabled` };
  const run = await insertAutomationRun(tx, {
    tenantId: ctx.tenant.id,
    ruleId,
    ruleVersion: target.version,
    leadId: ctx.lead.id,
    occurrence: `enroll:${ctx.run.id}:${ctx.position}`,
    trigger: { event: 'enroll', by: ctx.rule.id },
    status: 'active',
    steps: target.rule.then.length,
    causedBy: [...new Set([...ctx.run.causedBy, ctx.rule.id])],
    optedOutAtStart: optedOutNow(ctx.facts),
    startedAt: ctx.now,
    nextAt: ctx.now,
    updatedAt: ctx.now,
  });
  if (run)
    await ctx.deps.queue.enqueue(
      'automation.step',
      { tenantId: ctx.tenant.id, runId: run.id, position: 0 },
      { tx, priority: LANE_PRIORITY[ctx.lane] },
    );
  return { status: 'done', detail: `enrolled in ${ruleId}` };
}
