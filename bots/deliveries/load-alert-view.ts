import type { AlertRow } from '../../db/queries/alerts/get-alert.ts';
import { alertCardRows } from '../../db/queries/alerts/alert-card-rows.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import type { Executor } from '../../db/client.ts';
import { secondsSinceReceipt } from '../../core/alerts/alert-timings.ts';
import { hotCardNote } from '../../core/alerts/hot-card-note.ts';
import { factLines } from '../../core/intent/describe-fact.ts';
import { currentFacts } from '../../db/queries/leads/lead-facts.ts';
import { maskPhone } from '../../core/observability/mask.ts';
import { agentHandle } from '../commands/agent-handle.ts';
import type { AlertView } from '../message/alert-message.ts';

const person = (a: Agent) => ({ name: a.name, handle: agentHandle(a) });

/**
 * Everything a channel needs to draw one alert card, from the current rows: lead, listing, match
 * score, assignee and the last person who acted. Built fresh each time so every re-render
 * (after a claim, an assign, an expiry) shows the same truth on every copy. `sendingAt`: the card
 * is drawn for a send that follows at once, so before the first copy is recorded as delivered, that
 * moment is when it reaches the agent.
 * @example const view = await loadAlertView(runtime.db, tenant, alert)
 */
export async function loadAlertView(
  db: Executor,
  tenant: Tenant,
  alert: AlertRow,
  options: { sendingAt?: Date } = {},
): Promise<AlertView> {
  const [{ lead, listing, matchScore, team, lastAct }, facts] = await Promise.all([
    alertCardRows(db, alert),
    alert.leadId ? currentFacts(db, alert.tenantId, alert.leadId) : [],
  ]);
  const assignee = alert.assigneeId ? team.find((a) => a.id === alert.assigneeId) : undefined;
  const actor = lastAct ? team.find((a) => a.id === lastAct.actor) : undefined;

  const delivered = alert.deliveredAt ?? options.sendingAt;
  const reached = delivered ? secondsSinceReceipt(alert.receivedAt, delivered) : undefined;
  const score = lead?.score ?? 0;
  const temperature = lead?.temperature ?? (score >= 80 ? 'hot' : score >= 50 ? 'warm' : 'cold');
  const leadName = lead?.name || [lead?.firstName, lead?.lastName].filter(Boolean).join(' ') || 'Unknown lead';
  const note = hotCardNote(alert, { firstName: lead?.firstName || leadName.split(' ')[0], score, temperature });
  const unparsed = (listing?.data as Record<string, unknown> | undefined)?.UnparsedAddress;
  const address = listing
    ? (typeof unparsed === 'string' && unparsed) ||
      [listing.city, listing.postalCode].filter(Boolean).join(' ') ||
      listing.listingKey
    : undefined;
  return {
    alertId: alert.id,
    kind: alert.kind as AlertView['kind'],
    priority: alert.priority,
    status: alert.status,
    lead: {
      name: leadName,
      ...(lead?.phone ? { phoneMasked: maskPhone(lead.phone) } : {}),
      score,
      temperature,
      reasons: (lead?.reasons ?? []).slice(0, 3).map((r) => r.text),
      said: factLines(facts).map((f) => f.text),
    },
    ...(listing && address
      ? {
          listing: {
            listingKey: listing.listingKey,
            address,
            price: listing.listPrice ?? 0,
            beds: listing.bedroomsTotal,
            baths: listing.bathroomsTotalInteger,
            dealScore: listing.dealScore,
          },
        }
      : {}),
    ...(matchScore !== undefined ? { matchScore } : {}),
    reason: alert.reason,
    ...(note ? { scoreNote: note } : {}),
    ...(assignee ? { assignee: person(assignee) } : {}),
    ...(lastAct
      ? {
          actedBy: {
            name: actor?.name ?? lastAct.actor,
            ...(actor ? { handle: agentHandle(actor) } : {}),
            action: lastAct.action,
            at: lastAct.createdAt.toISOString(),
          },
        }
      : {}),
    assignOptions: team.slice(0, 25).map(person),
    timeZone: tenant.timezone,
    ...(reached !== undefined ? { reachedAfterSeconds: reached } : {}),
  };
}
