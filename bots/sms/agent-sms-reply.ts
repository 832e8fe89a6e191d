import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import {
  answerAgentText,
  type AgentAnswer,
  type AgentTextOutcome,
} from '../../db/use-cases/alerts/answer-agent-text.ts';
import { SENDING_LEASE_MS } from '../../db/use-cases/deliveries/claim-delivery.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { sendDelivery } from '../deliveries/send-delivery.ts';

/** "1" claims, "2" passes: the two answers an SMS alert offers (see sms-channel.ts); "won" / "lost" close it. */
export const AGENT_REPLY = /^\s*([12]|won|lost)\s*[.!]?\s*$/i;

/** The answer a matching text gives (`AGENT_REPLY`), in the words `answerAgentText` takes. */
export function agentAnswerOf(body: string): AgentAnswer | undefined {
  return body.match(AGENT_REPLY)?.[1]?.toLowerCase() as AgentAnswer | undefined;
}

function say(answer: AgentTextOutcome): string {
  switch (answer.outcome) {
    case 'nothing_to_answer':
      return 'There is no alert to answer right now.';
    case 'claimed':
      return `Alert #${answer.alertId} is yours.`;
    case 'passed':
      return `Passed on alert #${answer.alertId}.`;
    case 'won':
      return `Congratulations! Alert #${answer.alertId} is marked won; GHL is updated.`;
    case 'lost':
      return `Alert #${answer.alertId} is marked lost; GHL is updated.`;
    case 'refused':
      return `${answer.message}.`.replace(/\.\.$/, '.');
  }
}

/**
 * Acts on an agent's one-digit answer to the newest alert we texted them, then texts them what
 * happened. The answer is a delivery like any other message (consent, status callbacks, retries),
 * keyed by the inbound text, so a retried job re-sends the same answer instead of acting twice.
 * @example await handleAgentSmsReply(runtime, tenant, agent, '1', inboundEvent.id)
 */
export async function handleAgentSmsReply(
  runtime: Runtime,
  tenant: Tenant,
  agent: Agent,
  digit: AgentAnswer,
  inboundEventId: string,
): Promise<string> {
  const { db, queue, clock } = runtime;
  const answer = await answerAgentText(
    { db, queue, clock },
    {
      tenantId: tenant.id,
      agent: { id: agent.id, role: agent.role, phone: agent.phone! },
      digit,
      answerKey: `sms-answer:${inboundEventId}`,
      say,
    },
  );
  const sent = await sendDelivery(
    runtime,
    { tenantId: tenant.id, deliveryId: answer.id },
    { leaseMs: SENDING_LEASE_MS },
  );
  if (sent.status === 'settled' && sent.result.status === 'failed' && !sent.result.permanent)
    throw new Error(`answer to the agent failed, will retry: ${sent.result.error}`);
  return answer.body ?? '';
}
