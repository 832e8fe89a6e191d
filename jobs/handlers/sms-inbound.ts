import { defineHandler } from '../handler.ts';
import type { Runtime } from '../runtime.ts';
import { sendDelivery } from '../../bots/deliveries/send-delivery.ts';
import { maskPhone } from '../../core/observability/mask.ts';
import { getInboundEvent, markInboundEvent, type InboundEvent } from '../../db/queries/inbound-events.ts';
import { findLeadByPhone } from '../../db/queries/leads.ts';
import { assistantAnswers } from '../../db/queries/leads/lead-qualification.ts';
import { findAgentByPhone } from '../../db/queries/messaging/agent-by-phone.ts';
import { deliveryByKey } from '../../db/queries/deliveries/get-delivery.ts';
import { SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import { receiveLeadText, replyKeyOf } from '../../db/use-cases/leads/receive-lead-text.ts';
import { getTenant, type Tenant } from '../../db/queries/tenants.ts';
import { parseTwilioForm } from '../../bots/sms/parse-twilio-form.ts';
import { agentAnswerOf, handleAgentSmsReply } from '../../bots/sms/agent-sms-reply.ts';
import { aiQualification } from '../../bots/sms/ai-qualification.ts';

/**
 * One inbound text. Keywords were answered and applied to the ledger by the route; here an agent's
 * `1`/`2` answers their alert, and any other text joins its lead's conversation (receiveLeadText).
 * The reply is stored with the conversation and leaves after commit, so a retry after a crash
 * re-sends the stored reply instead of advancing the conversation twice.
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
    const digit = agentAnswerOf(text.body);
    if (agent && digit) {
      await handleAgentSmsReply(runtime, tenant, agent, digit, event.id);
      await markInboundEvent(runtime.db, event.id, 'processed', { processedAt: runtime.clock.now() });
      return;
    }
    await handleLeadText(runtime, tenant, event, text, kind);
  }
  const reply = await deliveryByKey(runtime.db, replyKeyOf(event));
  if (!reply) return;
  const sent = await sendDelivery(
    runtime,
    { tenantId: tenant.id, deliveryId: reply.id },
    { leaseMs: SENDING_LEASE_MS },
  );
  if (sent.status === 'settled' && sent.result.status === 'failed' && !sent.result.permanent)
    throw new Error(`reply failed, will retry: ${sent.result.error}`);
});

async function handleLeadText(
  runtime: Runtime,
  tenant: Tenant,
  event: InboundEvent,
  text: { sid: string; from: string; body: string },
  keyword: string,
) {
  const assistantOn = assistantAnswers(await findLeadByPhone(runtime.db, tenant.id, text.from), keyword);
  // The model is asked before the transaction: a slow answer must not hold row locks.
  const extracted = assistantOn ? await aiQualification(runtime, tenant, text.body) : undefined;
  await receiveLeadText(runtime, { tenant, event, text, keyword, assistantOn, extracted });
  runtime.logger.info({ from: maskPhone(text.from), kind: keyword }, 'inbound text processed');
}
