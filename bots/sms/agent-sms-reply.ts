import { afterAlertAction } from '../../db/queries/alert-follow-up.ts';
import { applyAlertAction } from '../../db/queries/alert-actions.ts';
import { isSendAllowed } from '../../db/queries/consent.ts';
import { latestAgentSmsAlert, recordAlertPass } from '../../db/queries/messaging.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import { isAppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { twilioService } from './twilio-service.ts';

/** "1" claims, "2" passes: the two answers an SMS alert offers (see sms-channel.ts). */
export const AGENT_REPLY = /^\s*([12])\s*[.!]?\s*$/;

/**
 * Acts on an agent's one-digit answer to the newest alert we texted them, then tells them what
 * happened. A claim goes through the same row-locked action as a chat button, so it races fairly
 * with Slack and Discord claims.
 */
export async function handleAgentSmsReply(
  runtime: Runtime,
  tenant: Tenant,
  agent: Agent,
  digit: '1' | '2',
): Promise<string> {
  const phone = agent.phone!;
  const alertId = await latestAgentSmsAlert(runtime.db, tenant.id, phone);
  let answer: string;
  if (!alertId) {
    answer = 'There is no alert to answer right now.';
  } else if (digit === '1') {
    try {
      await applyAlertAction(runtime.db, {
        tenantId: tenant.id,
        alertId,
        action: { type: 'claim' },
        actor: { id: agent.id, role: agent.role },
        clock: runtime.clock,
        after: afterAlertAction(runtime.queue, runtime.clock),
      });
      answer = `Alert #${alertId} is yours.`;
    } catch (error) {
      if (!isAppError(error)) throw error;
      answer = `${error.message}.`.replace(/\.\.$/, '.');
    }
  } else {
    await runtime.db.transaction(async (tx) => {
      await recordAlertPass(tx, { tenantId: tenant.id, alertId, agentId: agent.id });
      await runtime.queue.enqueue('alert.refresh', { tenantId: tenant.id, alertId }, { tx });
    });
    answer = `Passed on alert #${alertId}.`;
  }
  const twilio = twilioService(runtime);
  if (twilio && (await isSendAllowed(runtime.db, tenant.id, 'sms', phone)))
    await twilio.sendSms({ to: phone, body: answer });
  return answer;
}
