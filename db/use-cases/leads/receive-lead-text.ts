import type { AlertCause } from '../../../core/alerts/alert-timings.ts';
import { AlertPolicy } from '../../../core/alerts/decide-alert.ts';
import { LANE_PRIORITY } from '../../../core/inbound/job-lane.ts';
import { observeAlertStage, type Metrics } from '../../../core/observability/metrics.ts';
import { messagingSettings, senderName } from '../../../core/messaging/messaging-settings.ts';
import { advanceQualification } from '../../../core/messaging/qualification-flow.ts';
import type { Clock } from '../../../core/time/clock.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Db, Tx } from '../../client.ts';
import { queueLeadMessage } from '../../queries/deliveries/lead-messages.ts';
import { markInboundEvent, type InboundEvent } from '../../queries/inbound-events.ts';
import { leadFieldsFromTurn, qualificationStateOf, searchCriteriaOf } from '../../queries/leads/lead-qualification.ts';
import { addLeadActivity, createLead, findLeadByPhone, updateLead, type Lead } from '../../queries/leads.ts';
import { attachDraftAlert, createDraft } from '../../queries/messaging/message-drafts.ts';
import type { Tenant } from '../../queries/tenants.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { queueAutomationTrigger } from '../../queries/automations/queue-automation-trigger.ts';
import { exitRunsOnReply } from '../automations/exit-runs-on-reply.ts';
import { extractIntentFallback } from '../../../core/intent/extract-intent-fallback.ts';
import { saveSearch } from '../searches/save-search.ts';

export interface LeadText {
  tenant: Tenant;
  /** The stored inbound event: its id keys the reply, its times date the message. */
  event: InboundEvent;
  text: { sid: string; from: string; body: string };
  /** The keyword the route already answered (`stop`, `help`...), or `none` for a conversational text. */
  keyword: string;
  /** Whether the qualification assistant answers (see `assistantAnswers`). */
  assistantOn: boolean;
  /** What the AI read in the text, asked before this transaction; undefined without AI. */
  extracted?: unknown;
}

/** The key of the reply a text gets: a retried job finds the stored reply instead of answering twice. */
export const replyKeyOf = (event: Pick<InboundEvent, 'id'>) => `sms-reply:${event.id}`;

/**
 * One inbound text from a lead, in one transaction: the message joins the lead's conversation
 * (lead found by phone or created), its facts are read and the lead re-scored after them (`lead.facts`),
 * and for a conversational text the qualification assistant decides the reply, the lead's answers, the
 * saved search and the hand-off (or, when an agent owns the conversation, the agent hears about the reply). The reply is a
 * queued lead message keyed by the event, committed with everything else; sending it is the
 * caller's follow-up, so a crash re-sends the stored reply instead of advancing twice.
 */
export async function receiveLeadText(
  deps: { db: Db; queue: JobQueue; clock: Clock; metrics?: Metrics },
  input: LeadText,
): Promise<void> {
  const { tenant, event, text } = input;
  const appliedAt = await deps.db.transaction(async (tx) => {
    const known = await findLeadByPhone(tx, tenant.id, text.from);
    const lead =
      known ??
      (await createLead(tx, {
        tenantId: tenant.id,
        phone: text.from,
        name: `Text lead ${text.from.slice(-4)}`,
        source: 'sms',
      }));
    const at = event.occurredAt ?? event.receivedAt;
    const message = await addLeadActivity(tx, {
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      channel: 'sms',
      direction: 'inbound',
      body: text.body,
      source: 'twilio',
      externalId: text.sid,
      meta: { keyword: input.keyword },
      occurredAt: at,
    });
    await updateLead(tx, tenant.id, lead.id, { lastInboundAt: at });
    // A lead wrote: the re-score and any alert are in the fast lane, and keep when the text reached us.
    const cause = { receivedAt: event.receivedAt, appliedAt: deps.clock.now() };
    const rescore = {
      tenantId: tenant.id,
      leadId: lead.id,
      trigger: 'sms.inbound',
      receivedAt: cause.receivedAt.toISOString(),
      appliedAt: cause.appliedAt.toISOString(),
    };
    // What she wrote is read for facts first, and that job re-scores: the score an alert shows includes them.
    // A keyword (STOP, HELP) was answered by the route and states nothing more.
    if (message && input.keyword === 'none')
      await deps.queue.enqueue(
        'lead.facts',
        { ...rescore, activityId: message.id },
        { tx, priority: LANE_PRIORITY.fast },
      );
    else await deps.queue.enqueue('lead.score', rescore, { tx, priority: LANE_PRIORITY.fast });
    if (input.keyword === 'none') await converse(tx, deps, input, lead, cause);
    if (!known)
      await queueAutomationTrigger(tx, deps.queue, {
        tenantId: tenant.id,
        leadId: lead.id,
        lane: 'fast',
        trigger: { event: 'lead_created', occurrence: 'lead_created', at: at.toISOString(), source: 'sms' },
      });
    if (message && input.keyword === 'none')
      await exitRunsOnReply({ ...deps, db: tx }, { tenantId: tenant.id, leadId: lead.id });
    if (message && input.keyword === 'none')
      await queueAutomationTrigger(tx, deps.queue, {
        tenantId: tenant.id,
        leadId: lead.id,
        lane: 'fast',
        trigger: {
          event: 'message_received',
          occurrence: `message_received:${message.id}`,
          at: at.toISOString(),
          channel: 'sms',
          intent: extractIntentFallback(text.body).intent,
        },
      });
    await markInboundEvent(tx, event.id, 'processed', { processedAt: deps.clock.now() });
    return cause.appliedAt;
  });
  observeAlertStage(deps.metrics, 'applied', { lane: 'fast', receivedAt: event.receivedAt, at: appliedAt });
}

async function converse(
  tx: Tx,
  deps: { queue: JobQueue; clock: Clock; metrics?: Metrics },
  input: LeadText,
  lead: Lead,
  cause: AlertCause,
) {
  const { tenant, event, extracted } = input;
  const { queue, clock } = deps;
  const policy = tenant.settings.alerts;
  const raise = (alert: Omit<Parameters<typeof raiseAlert>[2], 'tenantId' | 'clock' | 'policy' | 'cause'>) =>
    raiseAlert(tx, queue, { tenantId: tenant.id, clock, policy, cause, ...alert }, deps.metrics);
  const replyAlert = { type: 'lead_reply', leadId: lead.id, leadScore: lead.score ?? undefined } as const;
  if (!input.assistantOn) {
    // An agent owns this conversation: the assistant stays quiet and the agent hears about the reply.
    await raise({ signal: replyAlert });
    return;
  }
  const state = qualificationStateOf(lead);
  const turn = advanceQualification({ state, message: input.text.body, extracted, senderName: senderName(tenant) });
  await updateLead(tx, tenant.id, lead.id, leadFieldsFromTurn(lead, turn));
  if (turn.criteria) {
    await saveSearch(
      { db: tx, queue, clock },
      {
        kind: 'sync',
        tenantId: tenant.id,
        leadId: lead.id,
        origin: 'sms',
        name: 'From text conversation',
        criteria: searchCriteriaOf(turn.criteria),
      },
    );
  }
  if (turn.handoff) {
    // Clear intent (a showing, a person, pre-approval, or fully qualified) is what makes this lead hot.
    const hotScore = AlertPolicy.safeParse(policy ?? {}).data?.hotScore ?? 80;
    await raise({
      details: { handoff: turn.handoff.reason, via: 'sms_assistant' },
      signal: { type: 'hot_lead', leadId: lead.id, score: Math.max(lead.score ?? 0, hotScore), previousScore: null },
    });
  }
  if (!turn.reply) return;
  if (messagingSettings(tenant).sms.approveDrafts && extracted !== undefined) {
    // AI-shaped turn under an approval policy: an agent sees the draft first; nothing is sent now.
    const draftId = await createDraft(tx, {
      tenantId: tenant.id,
      leadId: lead.id,
      body: turn.reply,
      inboundEventId: event.id,
    });
    const raised = await raise({
      details: { draftId, draft: turn.reply, needsApproval: true },
      signal: replyAlert,
    });
    if (raised.outcome === 'raised') await attachDraftAlert(tx, draftId, raised.alert.id);
    return;
  }
  await queueLeadMessage(tx, {
    tenantId: tenant.id,
    lead,
    channel: 'sms',
    idempotencyKey: replyKeyOf(event),
    purpose: 'reply',
    automated: true,
    body: turn.reply,
    replyToAt: event.occurredAt ?? event.receivedAt,
  });
}
