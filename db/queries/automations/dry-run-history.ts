import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, max, or, sql } from 'drizzle-orm';
import { alerts, auditLog, consentEvents, consents, leadActivities, leads, opportunities } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';
import { afterCursor, cursorAtOf, type KeysetCursor } from '../exports/keyset-pages.ts';
import type { Lead } from '../leads.ts';
import { TAGS_CHANGED } from '../crm-apply/contact-triggers.ts';
import { listingTiesOf } from './dry-run-listings.ts';

type Window = { since: Date; until: Date };
export type DryRunLeadRow = Lead & { cursorAt: string };

/** Kinds that are her contact with us (inbound) or ours with her; replies, stage moves and bookings end sequences. */
export const CONTACT_KINDS = ['message', 'call', 'voicemail'] as const;

/** Live leads, a page at a time in (created_at, id) order: the dry run never holds the whole team. */
export async function dryRunLeadPage(
  db: Executor,
  tenantId: string,
  after: KeysetCursor | undefined,
  limit: number,
): Promise<DryRunLeadRow[]> {
  const rows = await db
    .select({ lead: leads, cursorAt: cursorAtOf(leads.createdAt) })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        isNull(leads.deletedAt),
        isNull(leads.forgottenAt),
        ...(after ? [afterCursor(leads.createdAt, leads.id, after)] : []),
      ),
    )
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.lead, cursorAt: r.cursorAt }));
}

export type DryRunActivity = Awaited<ReturnType<typeof activitiesBetween>>[number];

/** Her messages, calls, stage moves, bookings and human contacts in the window. */
function activitiesBetween(db: Executor, tenantId: string, leadIds: string[], w: Window) {
  return db
    .select({
      id: leadActivities.id,
      leadId: leadActivities.leadId,
      kind: leadActivities.kind,
      channel: leadActivities.channel,
      direction: leadActivities.direction,
      human: leadActivities.human,
      body: leadActivities.body,
      meta: leadActivities.meta,
      occurredAt: leadActivities.occurredAt,
    })
    .from(leadActivities)
    .where(
      and(
        eq(leadActivities.tenantId, tenantId),
        inArray(leadActivities.leadId, leadIds),
        gte(leadActivities.occurredAt, w.since),
        lte(leadActivities.occurredAt, w.until),
        or(
          inArray(leadActivities.kind, [...CONTACT_KINDS, 'stage_change', 'appointment']),
          eq(leadActivities.human, true),
        ),
      ),
    )
    .orderBy(asc(leadActivities.occurredAt));
}

/** A person of ours reached her: what speed-to-lead counts (core/scoring/lead-features.ts). */
const humanContact = and(
  eq(leadActivities.human, true),
  or(eq(leadActivities.direction, 'outbound'), eq(leadActivities.kind, 'appointment')),
  sql`${leadActivities.kind} <> 'email_open'`,
);
const inbound = and(eq(leadActivities.direction, 'inbound'), inArray(leadActivities.kind, [...CONTACT_KINDS]));

/** Her last inbound contact and last human contact before the window: where a silence already running began. */
async function lastContactsBefore(db: Executor, tenantId: string, leadIds: string[], before: Date) {
  const last = (which: typeof inbound) =>
    db
      .select({ leadId: leadActivities.leadId, at: max(leadActivities.occurredAt) })
      .from(leadActivities)
      .where(
        and(
          eq(leadActivities.tenantId, tenantId),
          inArray(leadActivities.leadId, leadIds),
          lt(leadActivities.occurredAt, before),
          which,
        ),
      )
      .groupBy(leadActivities.leadId);
  const [inbounds, humans] = await Promise.all([last(inbound), last(humanContact)]);
  const toMap = (rows: Array<{ leadId: string; at: Date | null }>) =>
    new Map(rows.flatMap((r) => (r.at ? [[r.leadId, r.at] as const] : [])));
  return { lastInboundBefore: toMap(inbounds), lastHumanBefore: toMap(humans) };
}

/** Alerts raised on a scoring signal (`details.signal`: showing_request, became_hot, ...). */
async function signalsBetween(db: Executor, tenantId: string, leadIds: string[], w: Window) {
  const rows = await db
    .select({
      id: alerts.id,
      leadId: alerts.leadId,
      signal: sql<string>`${alerts.details}->>'signal'`,
      at: alerts.createdAt,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.tenantId, tenantId),
        inArray(alerts.leadId, leadIds),
        gte(alerts.createdAt, w.since),
        lte(alerts.createdAt, w.until),
        sql`${alerts.details}->>'signal' is not null`,
      ),
    )
    .orderBy(asc(alerts.createdAt));
  return rows.map((r) => ({ ...r, leadId: r.leadId! }));
}

/** Her scorings in the window with the band each replaced (the one before the window for the first). */
async function scoringsBetween(db: Executor, tenantId: string, leadIds: string[], w: Window) {
  const scored = and(eq(auditLog.tenantId, tenantId), eq(auditLog.entity, 'lead'), eq(auditLog.action, 'scored'));
  const temperature = sql<string | null>`${auditLog.data}->>'temperature'`;
  const [before, inside] = await Promise.all([
    db
      .selectDistinctOn([auditLog.entityId], { leadId: auditLog.entityId, temperature })
      .from(auditLog)
      .where(and(scored, inArray(auditLog.entityId, leadIds), lt(auditLog.createdAt, w.since)))
      .orderBy(auditLog.entityId, desc(auditLog.seq)),
    db
      .select({ seq: auditLog.seq, leadId: auditLog.entityId, temperature, at: auditLog.createdAt })
      .from(auditLog)
      .where(
        and(
          scored,
          inArray(auditLog.entityId, leadIds),
          gte(auditLog.createdAt, w.since),
          lte(auditLog.createdAt, w.until),
        ),
      )
      .orderBy(asc(auditLog.seq)),
  ]);
  const band = new Map(before.map((r) => [r.leadId, r.temperature]));
  return inside.map((r) => {
    const previous = band.get(r.leadId) ?? null;
    band.set(r.leadId, r.temperature);
    return { id: String(r.seq), leadId: r.leadId, at: r.at, temperature: r.temperature, previous };
  });
}

/** Her tags the CRM added and removed in the window, one entry per update (db/queries/crm-apply/contact-triggers.ts). */
async function tagChangesBetween(db: Executor, tenantId: string, leadIds: string[], w: Window) {
  const rows = await db
    .select({ seq: auditLog.seq, leadId: auditLog.entityId, data: auditLog.data, at: auditLog.createdAt })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.entity, 'lead'),
        eq(auditLog.action, TAGS_CHANGED),
        inArray(auditLog.entityId, leadIds),
        gte(auditLog.createdAt, w.since),
        lte(auditLog.createdAt, w.until),
      ),
    )
    .orderBy(asc(auditLog.seq));
  const names = (value: unknown) =>
    Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  return rows.map((r) => {
    const data = (r.data ?? {}) as Record<string, unknown>;
    return { id: String(r.seq), leadId: r.leadId, at: r.at, added: names(data.added), removed: names(data.removed) };
  });
}

/** Her newest deal's stage and status, and when a deal of hers was last won (what `if` reads as stage/wonAt). */
async function dealsOf(db: Executor, tenantId: string, leadIds: string[]) {
  const rows = await db
    .select({
      leadId: opportunities.leadId,
      stageId: opportunities.stageId,
      status: opportunities.status,
      outcome: opportunities.outcome,
      outcomeAt: opportunities.outcomeAt,
    })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        inArray(opportunities.leadId, leadIds),
        isNull(opportunities.deletedAt),
      ),
    )
    .orderBy(desc(opportunities.updatedAt));
  const deals = new Map<string, { stage: string | null; status: string | null; wonAt: Date | null }>();
  for (const r of rows) {
    const deal = deals.get(r.leadId!) ?? { stage: r.stageId, status: r.status, wonAt: null };
    if (r.outcome === 'won' && r.outcomeAt && (!deal.wonAt || r.outcomeAt > deal.wonAt)) deal.wonAt = r.outcomeAt;
    deals.set(r.leadId!, deal);
  }
  return deals;
}

/**
 * Consent of her phone and email: which addresses may not be written to now (`sms:+1512…`, `email:a@b.c`), and
 * the opt-outs recorded in the window, with when (an `opted_out` exit).
 */
async function consentOf(
  db: Executor,
  tenantId: string,
  addresses: Array<{ channel: string; address: string }>,
  w: Window,
) {
  if (!addresses.length) return { refused: new Set<string>(), optOuts: [] };
  const pairs = sql.join(
    addresses.map((a) => sql`(${a.channel}, ${a.address})`),
    sql`, `,
  );
  const [current, events] = await Promise.all([
    db
      .select({ channel: consents.channel, address: consents.address, status: consents.status })
      .from(consents)
      .where(and(eq(consents.tenantId, tenantId), sql`(${consents.channel}, ${consents.address}) in (${pairs})`)),
    db
      .select({ channel: consentEvents.channel, address: consentEvents.address, at: consentEvents.createdAt })
      .from(consentEvents)
      .where(
        and(
          eq(consentEvents.tenantId, tenantId),
          sql`(${consentEvents.channel}, ${consentEvents.address}) in (${pairs})`,
          inArray(consentEvents.status, ['opted_out', 'suppressed']),
          gte(consentEvents.createdAt, w.since),
          lte(consentEvents.createdAt, w.until),
        ),
      ),
  ]);
  return {
    refused: new Set(current.filter((c) => c.status !== 'opted_in').map((c) => `${c.channel}:${c.address}`)),
    optOuts: events,
  };
}

/**
 * Everything a page of leads went through in the window, read in a handful of queries (each bounded by the page).
 * @example const history = await dryRunPageHistory(db, { tenantId, leads: page, window, listingKeys })
 */
export async function dryRunPageHistory(
  db: Executor,
  input: { tenantId: string; leads: readonly Lead[]; window: Window; listingKeys: string[] },
) {
  const { tenantId, window } = input;
  const ids = input.leads.map((l) => l.id);
  const addresses = input.leads.flatMap((l) => [
    ...(l.phone ? [{ channel: 'sms', address: l.phone.trim() }] : []),
    ...(l.email ? [{ channel: 'email', address: l.email.trim().toLowerCase() }] : []),
  ]);
  const [activities, before, signals, scorings, tagChanges, deals, consent, ties] = await Promise.all([
    activitiesBetween(db, tenantId, ids, window),
    lastContactsBefore(db, tenantId, ids, window.since),
    signalsBetween(db, tenantId, ids, window),
    scoringsBetween(db, tenantId, ids, window),
    tagChangesBetween(db, tenantId, ids, window),
    dealsOf(db, tenantId, ids),
    consentOf(db, tenantId, addresses, window),
    listingTiesOf(db, tenantId, ids, input.listingKeys, window.until),
  ]);
  return { activities, ...before, signals, scorings, tagChanges, deals, ...consent, ...ties };
}
export type DryRunPageHistory = Awaited<ReturnType<typeof dryRunPageHistory>>;
