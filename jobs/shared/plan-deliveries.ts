import { and, countDistinct, eq, gte, inArray, notInArray, sql } from 'drizzle-orm';
import { deliveries, digestItems } from '../../db/schema/index.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { createDelivery } from '../../db/queries/deliveries.ts';
import type { AlertRow } from '../../db/queries/alerts.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import { deliverPolicy, DeliverySettings, type DeliveryChannel } from '../../core/alerts/deliver-policy.ts';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';
import { CHANNELS } from '../../bots/registry.ts';
import type { Channel } from '../../bots/channel.ts';
import type { Runtime } from '../runtime.ts';

export interface PlannedDelivery {
  agentId: string;
  outcome: 'queued' | 'deferred' | 'digest' | 'duplicate';
  channel?: DeliveryChannel;
  deliveryId?: string;
  sendAfter?: string;
  reason: string;
}

export interface PlanOptions {
  /** A deliberate second send to the same place (escalation, end of snooze). */
  attemptTag?: string;
  /** Escalations to managers are not held back by the per-recipient caps. */
  ignoreCaps?: boolean;
  /** Only these channels (a manager SMS rung). */
  onlyChannels?: DeliveryChannel[];
}

/** Channels this tenant has configured and where this agent can be reached on each. */
export function reachableChannels(
  runtime: Runtime,
  tenant: Tenant,
  agent: Agent,
): Map<DeliveryChannel, { channel: Channel; address: string }> {
  const reachable = new Map<DeliveryChannel, { channel: Channel; address: string }>();
  for (const channel of CHANNELS) {
    if (reachable.has(channel.name) || !channel.available(runtime, tenant)) continue;
    const address = channel.addressOf(agent);
    if (address) reachable.set(channel.name, { channel, address });
  }
  return reachable;
}

// The terminal's 'console' is one shared copy for the whole team, so it never counts toward anyone's cap.
const SHARED_ADDRESSES = ['console'];

/** Alerts sent (or on their way) to any of these addresses since `since`; digested ones are not deliveries. */
async function sentSince(db: Executor, tenantId: string, addresses: string[], since: Date): Promise<number> {
  const own = addresses.filter((a) => !SHARED_ADDRESSES.includes(a));
  if (own.length === 0) return 0;
  const [row] = await db
    .select({ n: countDistinct(deliveries.alertId) })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.tenantId, tenantId),
        inArray(deliveries.recipient, own),
        notInArray(deliveries.status, ['failed', 'undelivered', 'suppressed']),
        gte(sql`coalesce(${deliveries.sentAt}, ${deliveries.statusAt}, ${deliveries.createdAt})`, since),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Decides, per recipient, when and where an alert goes, and writes it down in the caller's
 * transaction: a delivery row + `alert.deliver` job (possibly deferred to the end of their quiet
 * hours), or a digest item when a cap is reached or nothing can reach them. Nothing is dropped.
 * @example await planDeliveries(tx, runtime, { tenant, alert, recipients: [ana] })
 */
export async function planDeliveries(
  tx: Tx,
  runtime: Runtime,
  input: { tenant: Tenant; alert: AlertRow; recipients: Agent[] } & PlanOptions,
): Promise<PlannedDelivery[]> {
  const { tenant, alert } = input;
  const now = runtime.clock.now();
  const settings = DeliverySettings.safeParse((tenant.settings as Record<string, unknown>).delivery ?? {});
  const planned: PlannedDelivery[] = [];
  for (const agent of input.recipients) {
    const reachable = reachableChannels(runtime, tenant, agent);
    if (input.onlyChannels)
      for (const name of [...reachable.keys()]) if (!input.onlyChannels.includes(name)) reachable.delete(name);
    const addresses = [...reachable.values()].map((r) => r.address);
    const sent = input.ignoreCaps
      ? { lastHour: 0, lastDay: 0 }
      : {
          lastHour: await sentSince(tx, tenant.id, addresses, new Date(now.getTime() - 3600_000)),
          lastDay: await sentSince(tx, tenant.id, addresses, new Date(now.getTime() - 86_400_000)),
        };
    const plan = deliverPolicy(
      {
        priority: alert.priority,
        recipient: {
          kind: 'agent',
          timezone: agent.timezone,
          hours: (agent.workingHours ?? null) as WorkingHours | null,
          channels: agent.channels.filter((c): c is DeliveryChannel => reachable.has(c as DeliveryChannel)),
          reachable: [...reachable.keys()],
        },
        sent,
        expiresAt: alert.expiresAt,
      },
      runtime.clock,
      settings.success ? settings.data : {},
    );

    if (plan.decision.kind === 'digest') {
      await tx.insert(digestItems).values({
        tenantId: tenant.id,
        recipientKind: 'agent',
        recipientId: agent.id,
        alertId: alert.id,
        reason: plan.reason,
      });
      planned.push({ agentId: agent.id, outcome: 'digest', reason: plan.reason });
      continue;
    }
    const name = plan.channels[0];
    const { address } = reachable.get(name)!;
    const sendAfter = plan.decision.kind === 'defer_until' ? plan.decision.until : null;
    const row = await createDelivery(tx, runtime.queue, {
      tenantId: tenant.id,
      alertId: alert.id,
      channel: name,
      recipient: address,
      recipientKind: 'agent',
      sendAfter,
      attemptTag: input.attemptTag,
    });
    if (!row) {
      planned.push({ agentId: agent.id, outcome: 'duplicate', channel: name, reason: `already planned on ${name}` });
      continue;
    }
    // status_at carries the injected clock, so caps count in the same time as everything else.
    await tx.update(deliveries).set({ statusAt: now }).where(eq(deliveries.id, row.id));
    planned.push({
      agentId: agent.id,
      outcome: sendAfter ? 'deferred' : 'queued',
      channel: name,
      deliveryId: row.id,
      ...(sendAfter ? { sendAfter: sendAfter.toISOString() } : {}),
      reason: plan.reason,
    });
  }
  return planned;
}
