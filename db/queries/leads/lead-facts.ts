import { and, asc, desc, eq, inArray, isNull, like, type SQL } from 'drizzle-orm';
import { LeadFact, STOPS_AUTOMATION, type DatedFact, type LeadFactKind } from '../../../core/intent/lead-fact.ts';
import { leadActivities, leadFacts } from '../../schema/index.ts';
import type { Executor, Tx } from '../../client.ts';

export interface FactStatement {
  tenantId: string;
  leadId: string;
  facts: LeadFact[];
  /** A message id, or `crm:<field>`. */
  source: string;
  /** When it was said. */
  at: Date;
  now: Date;
}

const ofLead = (tenantId: string, leadId: string) =>
  and(eq(leadFacts.tenantId, tenantId), eq(leadFacts.leadId, leadId));

/**
 * Stores what one statement said, in the caller's transaction, and returns the kinds it made
 * current. A statement newer than the current fact of its kind supersedes it; an older one (a
 * message delivered late) is kept as history only. The same statement twice writes nothing.
 */
export async function recordFacts(tx: Tx, input: FactStatement): Promise<LeadFactKind[]> {
  const { tenantId, leadId, source, at, now } = input;
  const changed: LeadFactKind[] = [];
  for (const fact of input.facts) {
    const key = and(ofLead(tenantId, leadId), eq(leadFacts.kind, fact.kind));
    const [seen] = await tx
      .select({ id: leadFacts.id })
      .from(leadFacts)
      .where(and(key, eq(leadFacts.source, source), eq(leadFacts.at, at)));
    if (seen) continue;
    const [current] = await tx
      .select({ id: leadFacts.id, at: leadFacts.at })
      .from(leadFacts)
      .where(and(key, isNull(leadFacts.supersededAt)))
      .for('update');
    const newer = !current || current.at.getTime() <= at.getTime();
    if (current && newer) await tx.update(leadFacts).set({ supersededAt: now }).where(eq(leadFacts.id, current.id));
    await tx.insert(leadFacts).values({
      tenantId,
      leadId,
      kind: fact.kind,
      value: fact.value,
      source,
      at,
      supersededAt: newer ? null : now,
    });
    if (newer) changed.push(fact.kind);
  }
  return changed;
}

const dated = (row: typeof leadFacts.$inferSelect): DatedFact | undefined => {
  const parsed = LeadFact.safeParse({ kind: row.kind, value: row.value });
  return parsed.success ? { ...parsed.data, source: row.source, at: row.at } : undefined;
};

/** A lead's current facts, one per kind, in the order design §8 lists the kinds. */
export async function currentFacts(db: Executor, tenantId: string, leadId: string): Promise<DatedFact[]> {
  const rows = await db
    .select()
    .from(leadFacts)
    .where(and(ofLead(tenantId, leadId), isNull(leadFacts.supersededAt)))
    .orderBy(asc(leadFacts.at));
  const order = LeadFact.options.map((o) => o.shape.kind.value) as string[];
  return rows
    .map(dated)
    .filter((f): f is DatedFact => f !== undefined)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** The newest value the CRM gave for a kind: a CRM resending an unchanged field is not a new statement. */
export async function lastCrmFact(
  db: Executor,
  tenantId: string,
  leadId: string,
  kind: LeadFactKind,
): Promise<DatedFact | undefined> {
  return newestFact(db, and(ofLead(tenantId, leadId), eq(leadFacts.kind, kind), like(leadFacts.source, 'crm:%')));
}

/** The current fact that says automated messages must stop (wrong number, not interested, bought), if any. */
export async function automationStopFact(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<DatedFact | undefined> {
  return newestFact(
    db,
    and(ofLead(tenantId, leadId), isNull(leadFacts.supersededAt), inArray(leadFacts.kind, [...STOPS_AUTOMATION])),
  );
}

async function newestFact(db: Executor, where: SQL | undefined): Promise<DatedFact | undefined> {
  const [row] = await db.select().from(leadFacts).where(where).orderBy(desc(leadFacts.at)).limit(1);
  return row ? dated(row) : undefined;
}

/** The message a `lead.facts` job reads: its text, its id at the provider and when it was said. */
export async function messageToRead(
  db: Executor,
  tenantId: string,
  activityId: string,
): Promise<{ body: string | null; source: string; at: Date; channel: string | null } | undefined> {
  const [row] = await db
    .select({
      id: leadActivities.id,
      body: leadActivities.body,
      externalId: leadActivities.externalId,
      occurredAt: leadActivities.occurredAt,
      channel: leadActivities.channel,
    })
    .from(leadActivities)
    .where(and(eq(leadActivities.tenantId, tenantId), eq(leadActivities.id, activityId)));
  return row
    ? { body: row.body, source: row.externalId ?? row.id, at: row.occurredAt, channel: row.channel }
    : undefined;
}

export type FactWithChannel = DatedFact & { channel: string | null };

/** Current facts with the channel each was said on (`sms`, `email`...; null for a CRM field), for people to read. */
export async function currentFactsWithChannel(
  db: Executor,
  tenantId: string,
  leadId: string,
): Promise<FactWithChannel[]> {
  const facts = await currentFacts(db, tenantId, leadId);
  const sources = [...new Set(facts.map((f) => f.source).filter((s) => !s.startsWith('crm:')))];
  const rows = sources.length
    ? await db
        .select({ externalId: leadActivities.externalId, channel: leadActivities.channel })
        .from(leadActivities)
        .where(
          and(
            eq(leadActivities.tenantId, tenantId),
            eq(leadActivities.leadId, leadId),
            inArray(leadActivities.externalId, sources),
          ),
        )
    : [];
  const channel = new Map(rows.map((r) => [r.externalId, r.channel]));
  return facts.map((f) => ({ ...f, channel: channel.get(f.source) ?? null }));
}
