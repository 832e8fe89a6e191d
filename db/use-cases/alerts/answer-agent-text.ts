import type { ActorRole } from '../../../core/alerts/alert-types.ts';
import { isAppError } from '../../../core/errors/app-error.ts';
import { insertDelivery } from '../../queries/deliveries/create-delivery.ts';
import { deliveryByKey, type DeliveryRow } from '../../queries/deliveries/get-delivery.ts';
import { latestAgentSmsAlert } from '../../queries/deliveries/latest-agent-sms-alert.ts';
import type { AlertDeps } from './alert-deps.ts';
import { actOnAlert } from './act-on-alert.ts';
import { passOnAlert } from './pass-on-alert.ts';

/** "1" claims, "2" passes (what an SMS alert offers); "won" / "lost" close the deal it was about. */
export type AgentAnswer = '1' | '2' | 'won' | 'lost';

export type AgentTextOutcome =
  | { outcome: 'nothing_to_answer' }
  | { outcome: 'claimed' | 'passed' | 'won' | 'lost'; alertId: string }
  /** The claim was refused (someone else has it, it is closed): `message` says why. */
  | { outcome: 'refused'; alertId: string; message: string };

export interface AnswerAgentTextInput {
  tenantId: string;
  agent: { id: string; role: ActorRole; phone: string };
  digit: AgentAnswer;
  /** One answer per inbound text (e.g. `sms-answer:<inbound event id>`), so a retry re-sends it. */
  answerKey: string;
  /** Words the outcome into the text the agent gets back. */
  say: (outcome: AgentTextOutcome) => string;
}

/**
 * Acts on an agent's one-digit answer to the newest alert we texted them and stores the answer
 * as a delivery to send back. A claim goes through the same row-locked action as a chat button,
 * so it races fairly with Slack and Discord claims. Asked again for the same inbound text (a
 * retried job), it acts no second time and returns the stored answer.
 * @example const answer = await answerAgentText({ db, queue, clock }, { tenantId, agent, digit: '1', answerKey, say })
 */
export async function answerAgentText(deps: AlertDeps, input: AnswerAgentTextInput): Promise<DeliveryRow> {
  const stored = await deliveryByKey(deps.db, input.answerKey);
  if (stored) return stored;
  const outcome = await act(deps, input);
  const row = await insertDelivery(deps.db, {
    tenantId: input.tenantId,
    // Not a copy of the alert (it would be redrawn and counted as one): a message of its own.
    alertId: null,
    channel: 'sms',
    recipient: input.agent.phone,
    recipientKind: 'agent',
    idempotencyKey: input.answerKey,
    body: input.say(outcome),
    now: deps.clock.now(),
  });
  return row ?? (await deliveryByKey(deps.db, input.answerKey))!;
}

async function act(deps: AlertDeps, input: AnswerAgentTextInput): Promise<AgentTextOutcome> {
  const alertId = await latestAgentSmsAlert(deps.db, input.tenantId, input.agent.phone);
  if (!alertId) return { outcome: 'nothing_to_answer' };
  if (input.digit === '2') {
    await passOnAlert(deps, { tenantId: input.tenantId, alertId, agentId: input.agent.id, reason: 'passed by SMS' });
    return { outcome: 'passed', alertId };
  }
  try {
    const actor = { id: input.agent.id, role: input.agent.role };
    const type = input.digit === 'won' ? 'win' : input.digit === 'lost' ? 'lose' : 'claim';
    await actOnAlert(deps, { tenantId: input.tenantId, alertId, action: { type }, actor });
    return { outcome: input.digit === '1' ? 'claimed' : (input.digit as 'won' | 'lost'), alertId };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { outcome: 'refused', alertId, message: error.message };
  }
}
