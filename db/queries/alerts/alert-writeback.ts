import { and, desc, eq, isNull } from 'drizzle-orm';
import { leads, opportunities, tenants } from '../../schema/index.ts';
import type { Tx } from '../../client.ts';
import type { AlertWritebackAction } from '../../../core/alerts/writeback-for-status.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { enqueueGhlWriteback, writebackRef, type GhlWriteback } from '../ghl-writeback-ops.ts';
import type { Agent } from '../tenants.ts';
import type { AlertRow } from './get-alert.ts';

export interface AlertWritebackInput {
  tenantId: string;
  alert: Pick<AlertRow, 'id' | 'kind' | 'leadId' | 'claimedAt' | 'updatedAt'>;
  action: AlertWritebackAction;
  /** The agent who now owns the lead (claimer, assignee) or who closed it. */
  agent: Pick<Agent, 'id' | 'name' | 'ghlUserId'>;
}

/**
 * Enqueues the GHL write-backs for an alert decision inside the caller's transaction, so they
 * exist exactly when the decision commits (`actOnAlert` does, unless told the change came from GHL):
 * - claim/assign → contact (and open opportunity) assigned to the agent's GHL user + a note
 *   "Porchlight: claimed by Maria at 10:14 (hot lead, score 86)";
 * - win/lose → the open opportunity's status (a note when the lead has none);
 * - qualify → tags + a note.
 * Nothing is enqueued for a lead that is not a GHL contact. Returns what was enqueued.
 * @example await enqueueAlertWriteback(tx, queue, { tenantId, alert, action: { type: 'claim' }, agent })
 */
export async function enqueueAlertWriteback(
  tx: Tx,
  queue: JobQueue,
  input: AlertWritebackInput,
): Promise<GhlWriteback[]> {
  const { tenantId, alert, action, agent } = input;
  if (!alert.leadId) return [];
  const [lead] = await tx
    .select({
      id: leads.id,
      contactId: leads.ghlContactId,
      locationId: leads.ghlLocationId,
      score: leads.score,
      temperature: leads.temperature,
    })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, alert.leadId)));
  if (!lead?.contactId) return [];
  const contactId = lead.contactId;
  const [tenant] = await tx.select({ timezone: tenants.timezone }).from(tenants).where(eq(tenants.id, tenantId));
  const [opportunity] = await tx
    .select({ id: opportunities.ghlOpportunityId })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        eq(opportunities.leadId, lead.id),
        eq(opportunities.status, 'open'),
        isNull(opportunities.deletedAt),
      ),
    )
    .orderBy(desc(opportunities.updatedAt))
    .limit(1);
  const ref = writebackRef(`alert:${alert.id}:${action.type}:${agent.id}`);
  const at = clockTime(alert.claimedAt ?? alert.updatedAt, tenant?.timezone ?? 'UTC');
  const about =
    lead.score != null && lead.temperature
      ? `${lead.temperature} lead, score ${lead.score}`
      : `${alert.kind.replace(/_/g, ' ')} alert`;

  const jobs: GhlWriteback[] = [];
  const note = (body: string) => jobs.push({ op: 'add_note', args: { contactId, body, ref } });
  switch (action.type) {
    case 'claim':
    case 'assign':
      if (agent.ghlUserId) {
        jobs.push({ op: 'assign_contact', args: { contactId, ghlUserId: agent.ghlUserId } });
        if (opportunity)
          jobs.push({ op: 'update_opportunity', args: { opportunityId: opportunity.id, assignedTo: agent.ghlUserId } });
      }
      note(`Porchlight: ${action.type === 'claim' ? 'claimed by' : 'assigned to'} ${agent.name} at ${at} (${about})`);
      break;
    case 'win':
    case 'lose':
      if (opportunity)
        jobs.push({
          op: 'update_opportunity',
          args: { opportunityId: opportunity.id, status: action.type === 'win' ? 'won' : 'lost' },
        });
      else note(`Porchlight: marked ${action.type === 'win' ? 'won' : 'lost'} by ${agent.name} at ${at}`);
      break;
    case 'qualify':
      if (action.tags.length) jobs.push({ op: 'add_tags', args: { contactId, tags: action.tags } });
      note(`Porchlight: qualified (${about}): ${action.summary}`);
      break;
  }
  for (const job of jobs) {
    await enqueueGhlWriteback(
      queue,
      { tenantId, locationId: lead.locationId ?? undefined, ...job } as Parameters<typeof enqueueGhlWriteback>[1],
      { tx },
    );
  }
  return jobs;
}

/** "10:14" in the team's time zone: what the agent saw on the clock when they acted. */
function clockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    at,
  );
}
