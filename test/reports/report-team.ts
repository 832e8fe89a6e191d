import { alerts, leadActivities } from '../../db/schema/index.ts';
import { createLead, type Lead } from '../../db/queries/leads.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { seedChatTeam, type ChatTeam } from '../bots/chat-team.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What the test knows about each alert it seeded, to work the figures out on its own. */
export interface SeededAlert {
  createdAt: Date;
  source: string | null;
  claimedAt: Date | null;
  contactedAt: Date | null;
  won: boolean;
  leadId: string;
  /** The assignee's name (claimed alerts only) and the lead's city, for the other groupings. */
  agent: string | null;
  city: string | null;
}

export interface ReportTeam extends ChatTeam {
  leads: Lead[];
  alerts: SeededAlert[];
  /** When each lead booked an appointment (cancelled ones are seeded too, and not listed here). */
  appointments: Array<{ leadId: string; at: Date }>;
}

/** A small deterministic generator: the same month every run, still uneven like a real one. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/**
 * A month of alerts for the chat team: leads from four sources (one with none), 48 alerts spread over the
 * 30 days before `now` and a few older ones, claimed, contacted and won after uneven minutes, appointments
 * booked by some leads (one before its alerts, one cancelled), and another team's alerts beside them.
 */
export async function seedReportMonth(rt: Runtime, now: Date): Promise<ReportTeam> {
  const team = await seedChatTeam(rt);
  const tenantId = team.tenant.id;
  const people: Array<[string, string | null, string]> = [
    ['Cara Diaz', 'zillow', 'Austin'],
    ['Dan Ortiz', 'realtor.com', 'Round Rock'],
    ['Eli Moss', 'realtor.com', 'Austin'],
    ['Fay Chen', 'open house', 'Pflugerville'],
    ['Gus Hale', null, 'Austin'],
  ];
  const leads = [team.ana];
  for (const [name, source, city] of people) leads.push(await createLead(rt.db, { tenantId, name, source, city }));
  const agents = [team.maria, team.dev, team.sam];
  const next = random(20260304);
  const seeded: SeededAlert[] = [];
  const rows: Array<typeof alerts.$inferInsert> = [];
  for (let i = 0; i < 52; i++) {
    // The last four fall before the 30 days: counted by nothing in a 30-day report.
    const ageMs = i < 48 ? Math.floor((i + next()) * (30 / 48) * DAY) : (31 + i - 48) * DAY;
    const createdAt = new Date(now.getTime() - ageMs - MINUTE);
    const lead = leads[Math.floor(next() * leads.length)];
    const claimed = next() < 0.75;
    const claimedAt = claimed ? new Date(createdAt.getTime() + Math.round(20 + next() * 5400) * 1000) : null;
    const contactedAt =
      claimedAt && next() < 0.7 ? new Date(claimedAt.getTime() + Math.round(30 + next() * 7200) * 1000) : null;
    // Contact without a claim happens too (the lead's owner called before anyone pressed Claim).
    const contactedUnclaimed = !claimed && next() < 0.2 ? new Date(createdAt.getTime() + 45 * MINUTE) : null;
    const won = Boolean(contactedAt) && next() < 0.35;
    const status = won ? 'won' : contactedAt || contactedUnclaimed ? 'contacted' : claimed ? 'claimed' : 'open';
    const agent = agents[i % agents.length];
    rows.push({
      tenantId,
      kind: i % 3 === 0 ? 'listing_match' : 'hot_lead',
      priority: 'high',
      status,
      leadId: lead.id,
      dedupeKey: `report:${i}`,
      reason: `seeded ${i}`,
      assigneeId: claimed ? agent.id : null,
      claimedAt,
      contactedAt: contactedAt ?? contactedUnclaimed,
      closedAt: won ? new Date(now.getTime() - MINUTE) : null,
      createdAt,
    });
    seeded.push({
      createdAt,
      source: lead.source,
      claimedAt,
      contactedAt: contactedAt ?? contactedUnclaimed,
      won,
      leadId: lead.id,
      agent: claimed ? agent.name : null,
      city: lead.city,
    });
  }
  await rt.db.insert(alerts).values(rows);

  const appointments = [
    { leadId: leads[1].id, at: new Date(now.getTime() - 3 * DAY) },
    { leadId: leads[2].id, at: new Date(now.getTime() - 12 * DAY) },
    { leadId: leads[4].id, at: new Date(now.getTime() - 40 * DAY) },
  ];
  const activity = (leadId: string, at: Date, kind: string, n: number) => ({
    tenantId,
    leadId,
    kind,
    source: 'ghl',
    externalId: `appointment:${n}:${kind}`,
    occurredAt: at,
  });
  await rt.db
    .insert(leadActivities)
    .values([
      ...appointments.map((a, n) => activity(a.leadId, a.at, 'appointment', n)),
      activity(leads[3].id, new Date(now.getTime() - 2 * DAY), 'appointment_cancelled', 9),
    ]);

  const other = await createTenant(rt.db, { name: 'Other Team', timezone: 'UTC' });
  const stranger = await createLead(rt.db, { tenantId: other.tenant.id, name: 'Stranger', source: 'zillow' });
  await rt.db.insert(alerts).values(
    [1, 2, 3].map((n) => ({
      tenantId: other.tenant.id,
      kind: 'hot_lead',
      priority: 'high' as const,
      status: 'won' as const,
      leadId: stranger.id,
      dedupeKey: `other:${n}`,
      reason: 'another team',
      claimedAt: new Date(now.getTime() - n * DAY),
      createdAt: new Date(now.getTime() - n * DAY - 5 * MINUTE),
    })),
  );
  return { ...team, leads, alerts: seeded, appointments };
}
