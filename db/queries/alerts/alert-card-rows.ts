import { and, eq } from 'drizzle-orm';
import { agents, leads, listings, matches } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { lastAlertAct, type AuditRow } from '../audit.ts';
import type { Lead } from '../leads.ts';
import type { ListingRow } from '../listings/get-listing.ts';
import type { Agent } from '../tenants.ts';
import type { AlertRow } from './get-alert.ts';

export interface AlertCardRows {
  lead?: Lead;
  listing?: ListingRow;
  matchScore?: number;
  /** The tenant's active agents: the assignee, the last actor and the assign picker come from here. */
  team: Agent[];
  lastAct?: AuditRow;
}

/** The current rows behind one alert card, read fresh so every copy shows the same truth. */
export async function alertCardRows(db: Executor, alert: AlertRow): Promise<AlertCardRows> {
  const tenantId = alert.tenantId;
  const [lead] = alert.leadId
    ? await db
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, alert.leadId)))
    : [];
  const [listing] = alert.listingKey
    ? await db
        .select()
        .from(listings)
        .where(and(eq(listings.tenantId, tenantId), eq(listings.listingKey, alert.listingKey)))
    : [];
  const [match] = alert.matchId
    ? await db
        .select({ score: matches.score })
        .from(matches)
        .where(and(eq(matches.tenantId, tenantId), eq(matches.id, alert.matchId)))
    : [];
  const team = await db
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), eq(agents.active, true)));
  const lastAct = await lastAlertAct(db, tenantId, alert.id);
  return { lead, listing, matchScore: match?.score, team, lastAct };
}
