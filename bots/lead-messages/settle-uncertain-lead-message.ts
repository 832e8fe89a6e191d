import type { DeliveryRow } from '../../db/queries/deliveries/get-delivery.ts';
import { leadMessageOf } from '../../db/queries/deliveries/lead-messages.ts';
import { getLead } from '../../db/queries/leads.ts';
import type { Tenant } from '../../db/queries/tenants.ts';
import { settleUncertainDelivery } from '../../db/use-cases/deliveries/settle-uncertain-delivery.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { reachOf } from '../deliveries/reachable-channels.ts';

/** "Ana Lopez" → "A** L****": enough for the agent to know whom, not a name to leak into a channel log. */
export function maskedName(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return words.length ? words.map((w) => w[0] + '*'.repeat(Math.max(w.length - 1, 2))).join(' ') : 'a lead';
}

/**
 * A message to a lead that may or may not have gone out before a crash: settled `uncertain`, and the
 * lead's agent (else the managers) is told in chat how to send it again, so a person decides.
 */
export async function settleUncertainLeadMessage(
  runtime: Runtime,
  tenant: Tenant,
  interrupted: DeliveryRow,
  reason: string,
): Promise<{ settled: boolean; noticed: number }> {
  const message = await leadMessageOf(runtime.db, interrupted.id);
  const lead = message ? await getLead(runtime.db, tenant.id, message.leadId) : undefined;
  const what = interrupted.channel === 'sms' ? 'A text' : 'An email';
  const notice =
    `${what} to ${maskedName(lead?.name)} may or may not have gone out during a restart; ` +
    `\`porchlight deliveries resend ${interrupted.id} --tenant ${tenant.id}\` sends it again.`;
  return settleUncertainDelivery(
    { db: runtime.db, queue: runtime.queue, clock: runtime.clock, reach: reachOf(runtime, (c) => Boolean(c.sendText)) },
    { tenant, interrupted, reason, notice, assigneeId: lead?.assigneeId ?? null },
  );
}
