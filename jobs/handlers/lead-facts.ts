import { messageToRead } from '../../db/queries/leads/lead-facts.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { recordLeadFacts } from '../../db/use-cases/leads/record-lead-facts.ts';
import { defineHandler, jobLane } from '../handler.ts';

/**
 * `lead.facts`: what one inbound message says about the lead (pre-approved, 3 beds, wrong number...),
 * then her re-score. The model is asked here, outside any transaction, and only for a tenant that
 * enabled AI; every failure falls back to the rules reader, so a message is never left unread.
 */
export default defineHandler('lead.facts', async (data, ctx) => {
  const { runtime } = ctx;
  const { tenantId, leadId } = data;
  const [tenant, message] = await Promise.all([
    getTenant(runtime.db, tenantId),
    messageToRead(runtime.db, tenantId, data.activityId),
  ]);
  if (!tenant || !message) return;
  const text = message.body?.trim() ?? '';
  // The client answers with the rules reader's facts itself when AI is off or the model fails.
  const read = text
    ? await runtime.providers.openai(tenant.settings.ai.enabled === true).extractFacts(text, runtime.clock.now())
    : { value: [], source: 'fallback' as const, error: undefined };
  const result = await recordLeadFacts(runtime, {
    tenantId,
    leadId,
    facts: read.value,
    source: message.source,
    at: message.at,
    rescore: {
      trigger: data.trigger,
      lane: jobLane(ctx),
      ...(data.receivedAt ? { receivedAt: new Date(data.receivedAt) } : {}),
      ...(data.appliedAt ? { appliedAt: new Date(data.appliedAt) } : {}),
    },
  });
  runtime.logger.debug(
    { tenantId, leadId, kinds: result?.changed ?? [], read: read.source, error: read.error },
    'lead facts read',
  );
});
