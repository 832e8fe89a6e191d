import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { agents, leadActivities, leads, savedSearches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import type { Lead, LeadActivity } from '../leads.ts';
import type { SavedSearchRow } from '../saved-searches.ts';
import { currentFactsWithChannel, type FactWithChannel } from './lead-facts.ts';

export interface LeadDetail {
  lead: Lead;
  /** Active searches, oldest first. */
  savedSearches: SavedSearchRow[];
  assignee: { id: string; name: string; email: string } | null;
  /** Newest first. */
  activities: LeadActivity[];
  /** What the lead said (or the CRM says), the current statement per kind. */
  facts: FactWithChannel[];
}

/**
 * One lead with what a person wants to see next to it: its active saved searches, the agent it is
 * assigned to and its latest activity. `GET /api/v1/leads/:id` and `/lead` in chat both ask this.
 * A deleted lead, or another tenant's, is undefined.
 */
export async function leadDetail(
  db: Executor,
  tenantId: string,
  leadId: string,
  options: { activityLimit?: number } = {},
): Promise<LeadDetail | undefined> {
  const [lead] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), isNull(leads.deletedAt)));
  if (!lead) return undefined;
  const [searches, assignee, activities, facts] = await Promise.all([
    db
      .select()
      .from(savedSearches)
      .where(
        and(eq(savedSearches.tenantId, tenantId), eq(savedSearches.leadId, leadId), eq(savedSearches.active, true)),
      )
      .orderBy(asc(savedSearches.createdAt)),
    lead.assigneeId
      ? db
          .select({ id: agents.id, name: agents.name, email: agents.email })
          .from(agents)
          .where(and(eq(agents.tenantId, tenantId), eq(agents.id, lead.assigneeId)))
          .then((rows) => rows[0])
      : undefined,
    db
      .select()
      .from(leadActivities)
      .where(and(eq(leadActivities.tenantId, tenantId), eq(leadActivities.leadId, leadId)))
      .orderBy(desc(leadActivities.occurredAt))
      .limit(options.activityLimit ?? 20),
    currentFactsWithChannel(db, tenantId, leadId),
  ]);
  return { lead, savedSearches: searches, assignee: assignee ?? null, activities, facts };
}
