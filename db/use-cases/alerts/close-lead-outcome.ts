import type { AlertActor } from '../../../core/alerts/alert-types.ts';
import { openAlertsOfLead } from '../../queries/alerts/open-alerts-of-lead.ts';
import type { Tx } from '../../client.ts';
import type { AlertDeps } from './alert-deps.ts';
import { actOnAlert } from './act-on-alert.ts';

const HELD = new Set(['claimed', 'assigned', 'acknowledged', 'contacted']);

/**
 * The CRM says the lead's deal was won or lost (a GHL opportunity status): the alert someone holds
 * (the most recently moved) is closed with that outcome, which dismisses the rest; with nobody
 * holding one, every open alert is dismissed with the reason. GHL told us, so nothing goes back.
 * @example await closeLeadOutcome(tx, deps, { tenantId, leadId, outcome: 'won', actor: GHL_ACTOR, why: 'opportunity won in GHL' })
 */
export async function closeLeadOutcome(
  tx: Tx,
  deps: AlertDeps,
  input: { tenantId: string; leadId: string; outcome: 'won' | 'lost'; actor: AlertActor; why: string },
): Promise<{ closedAlertId: string | null; dismissed: number }> {
  const open = await openAlertsOfLead(tx, input.tenantId, input.leadId);
  const held = open.find((a) => HELD.has(a.status));
  if (held) {
    const action = { type: input.outcome === 'won' ? 'win' : 'lose', reason: input.why } as const;
    await actOnAlert(
      { ...deps, db: tx },
      { tenantId: input.tenantId, alertId: held.id, action, actor: input.actor },
      { writeBackToGhl: false },
    );
    return { closedAlertId: held.id, dismissed: open.length - 1 };
  }
  for (const alert of open) {
    const action = { type: 'dismiss', reason: input.why } as const;
    await actOnAlert({ ...deps, db: tx }, { tenantId: input.tenantId, alertId: alert.id, action, actor: input.actor });
  }
  return { closedAlertId: null, dismissed: open.length };
}
