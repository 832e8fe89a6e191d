import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { raiseAlert } from '../shared/raise-alert.ts';
import { dispatchLeadMessage, queueLeadMessage } from '../../bots/messaging/send-to-lead.ts';
import { AlertPolicy } from '../../core/alerts/decide-alert.ts';
import { advanceQualification } from '../../core/messaging/qualification-flow.ts';
import { maskPhone } from '../../core/observability/mask.ts';
import { getInboundEvent, markInboundEvent, type InboundEvent } from '../../db/queries/inbound-events.ts';
import { addLeadActivity, createLead, findLeadByPhone, updateLead, type Lead } from '../../db/queries/leads.ts';
import {
  attachDraftAlert,
  createDraft,
  deliveryByKey,
  findAgentByPhone,
  upsertSmsSavedSearch,
} from '../../db/queries/messaging.ts';
import { getTenant, type Tenant } from '../../db/queries/tenants.ts';
import type { Tx } from '../../db/client.ts';
import { parseTwilioForm } from '../../bots/sms/verify-twilio-signature.ts';
import { AGENT_REPLY, handleAgentSmsReply } from '../../bots/sms/agent-sms-reply.ts';
import { aiQualification } from '../../bots/sms/ai-qualification.ts';
import { leadFieldsFromTurn, qualificationStateOf } from '../../bots/sms/lead-qualification-fields.ts';
import { messagingSettings, senderName } from '../../bots/sms/messaging-settings.ts';

const replyKey = (event: InboundEvent) => `sms-reply:${event.id}`;

/**
 * One inbound text. Keywords were answered and applied to the ledger by the route; here the
 * message joins the lead's conversation (lead found by phone or created), the score is refreshed,
 * and the qualification assistant decides the reply, the lead's answers, the saved search and the
 * hand-off. All state changes and the reply row commit together; the reply leaves after commit,
 * so a retry after a crash re-sends the stored reply instead of advancing the conversation twice.
 */
export default defineHandler('sms.inbound', async ({ inboundEventId }, { runtime }) => {
  const event = await getInboundEvent(runtime.db, inboundEventId);
  if (!event?.tenantId) return;
  const tenant = await getTenant(runtime.db, event.tenantId);
  if (!tenant) return;
  if (event.status !== 'processed') {
    const params = parseTwilioForm(event.rawBody);
    const text = { sid: String(params.MessageSid), from: String(params.From), body: String(params.Body ?? '') };
    const kind = event.type?.replace(/^sms\./, '') ?? 'none';
    const agent = kind === 'none' ? await findAgentByPhone(runtime.db, tenant.id, text.from) : undefined;
    const digit = text.body.match(AGENT_REPLY)?.[1] as '1' | '2' | undefined;
    if (agent && digit) {
      await handleAgentSmsReply(runtime, tenant, agent, digit);
      await markInboundEvent(runtime.db, event.id, 'processed', { processedAt: runtime.clock.now() });
      return;
    }
    await handleLeadText(runtime, tenant, event, text, kind);
  }
  const reply = await deliveryByKey(runtime.db, replyKey(event));
  if (!reply) return;
  const outcome = await dispatchLeadMessage(runtime, reply.id);
  if (outcome.status === 'failed' && !outcome.permanent) throw new Error(`reply failed, will retry: ${outcome.error}`);
});

async function handleLeadText(
  runtime: Runtime,
  tenant: Tenant,
  event: InboundEvent,
  text: { sid: string; from: string; body: string },
  kind: string,
) {
  const known = await findLeadByPhone(runtime.db, tenant.id, text.from);
  const assistantOn =
    kind === 'none' &&
    (!known || (!known.assigneeId && !['handed_off', 'complete'].includes(qualificationStateOf(known).status)));
  // The model is asked outside the transaction: a slow answer must not hold row locks.
  const extracted = assistantOn ? await aiQualification(runtime, tenant, text.body) : undefined;

  await runtime.db.transaction(async (tx) => {
    const lead =
      (await findLeadByPhone(tx, tenant.id, text.from)) ??
      (await createLead(tx, {
        tenantId: tenant.id,
        phone: text.from,
        name: `Text lead ${text.from.slice(-4)}`,
        source: 'sms',
      }));
    const at = event.occurredAt ?? event.receivedAt;
    await addLeadActivity(tx, {
      tenantId: tenant.id,
      leadId: lead.id,
      kind: 'message',
      channel: 'sms',
      direction: 'inbound',
      body: text.body,
      source: 'twilio',
      externalId: text.sid,
      meta: { keyword: kind },
      occurredAt: at,
    });
    await updateLead(tx, tenant.id, lead.id, { lastInboundAt: at });
    await runtime.queue.enqueue('lead.score', { tenantId: tenant.id, leadId: lead.id, trigger: 'sms.inbound' }, { tx });
    if (kind === 'none') await converse(runtime, tx, tenant, lead, event, text.body, extracted, assistantOn);
    await markInboundEvent(tx, event.id, 'processed', { processedAt: runtime.clock.now() });
  });
  runtime.logger.info({ from: maskPhone(text.from), kind }, 'inbound text processed');
}

async function converse(
  runtime: Runtime,
  tx: Tx,
  tenant: Tenant,
  lead: Lead,
  event: InboundEvent,
  body: string,
  extracted: unknown,
  assistantOn: boolean,
) {
  const settings = messagingSettings(tenant);
  const policy = (tenant.settings as { alerts?: unknown }).alerts;
  const state = qualificationStateOf(lead);
  if (!assistantOn) {
    // An agent owns this conversation: the assistant stays quiet and the agent hears about the reply.
    await raiseAlert(tx, runtime.queue, {
      tenantId: tenant.id,
      signal: { type: 'lead_reply', leadId: lead.id, leadScore: lead.score ?? undefined },
      clock: runtime.clock,
      policy,
    });
    return;
  }
  const turn = advanceQualification({ state, message: body, extracted, senderName: senderName(tenant) });
  await updateLead(tx, tenant.id, lead.id, leadFieldsFromTurn(lead, turn));
  if (turn.criteria) {
    const savedSearchId = await upsertSmsSavedSearch(tx, { tenantId: tenant.id, leadId: lead.id, ...turn.criteria });
    await runtime.queue.enqueue('listing.match', { direction: 'search', tenantId: tenant.id, savedSearchId }, { tx });
  }
  if (turn.handoff) {
    // Clear intent (a showing, a person, pre-approval, or fully qualified) is what makes this lead hot.
    const hotScore = AlertPolicy.safeParse(policy ?? {}).data?.hotScore ?? 80;
    await raiseAlert(tx, runtime.queue, {
      tenantId: tenant.id,
      clock: runtime.clock,
      policy,
      details: { handoff: turn.handoff.reason, via: 'sms_assistant' },
      signal: { type: 'hot_lead', leadId: lead.id, score: Math.max(lead.score ?? 0, hotScore), previousScore: null },
    });
  }
  if (!turn.reply) return;
  if (settings.sms.approveDrafts && extracted !== undefined) {
    // AI-shaped turn under an approval policy: an agent sees the draft first; nothing is sent now.
    const draftId = await createDraft(tx, {
      tenantId: tenant.id,
      leadId: lead.id,
      body: turn.reply,
      inboundEventId: event.id,
    });
    const raised = await raiseAlert(tx, runtime.queue, {
      tenantId: tenant.id,
      clock: runtime.clock,
      policy,
      details: { draftId, draft: turn.reply, needsApproval: true },
      signal: { type: 'lead_reply', leadId: lead.id, leadScore: lead.score ?? undefined },
    });
    if (raised.outcome === 'raised') await attachDraftAlert(tx, draftId, raised.alert.id);
    return;
  }
  await queueLeadMessage(tx, {
    tenantId: tenant.id,
    lead,
    channel: 'sms',
    idempotencyKey: replyKey(event),
    purpose: 'reply',
    automated: true,
    body: turn.reply,
    replyToAt: event.occurredAt ?? event.receivedAt,
  });
}
