import type { AutomationRule } from '../../../core/automations/automation-rule.ts';
import type { DryRunExit, DryRunLead, DryRunOccurrence } from '../../../core/automations/dry-run.ts';
import {
  listingEventChange,
  scheduleOccurrence,
  scoreCrossings,
  silenceOccurrences,
} from '../../../core/automations/dry-run-occurrences.ts';
import { leadFactsOf } from '../../../core/automations/lead-facts-of.ts';
import { extractIntentFallback } from '../../../core/intent/extract-intent-fallback.ts';
import { leadTimeZone } from '../../../core/messaging/lead-time-zone.ts';
import {
  CONTACT_KINDS,
  type DryRunActivity,
  type DryRunPageHistory,
} from '../../queries/automations/dry-run-history.ts';
import type { DryRunListingChange, DryRunOpenHouse } from '../../queries/automations/dry-run-listings.ts';
import type { Lead } from '../../queries/leads.ts';
import type { Tenant } from '../../queries/tenants.ts';

export interface DryRunContext {
  tenant: Tenant;
  rules: readonly AutomationRule[];
  window: { since: Date; until: Date };
  /** The window's listing changes, by listing key. */
  changesByListing: ReadonlyMap<string, readonly DryRunListingChange[]>;
  /** The window's open houses a lead would have been told about, by listing key. */
  openHousesByListing: ReadonlyMap<string, readonly DryRunOpenHouse[]>;
  /** When each `schedule` rule's clock struck in the window. */
  schedules: ReadonlyArray<{ rule: AutomationRule; times: Date[] }>;
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
const isContact = (kind: string) => (CONTACT_KINDS as readonly string[]).includes(kind);
/** A STOP/HELP keyword is not a reply (db/queries/automations/since-run-start.ts). */
const isReply = (a: DryRunActivity) =>
  a.kind === 'message' && a.direction === 'inbound' && (text(a.meta.keyword) ?? 'none') === 'none';
const isHumanContact = (a: DryRunActivity) =>
  a.human === true && (a.direction === 'outbound' || a.kind === 'appointment') && a.kind !== 'email_open';

/** What happened to one lead in the window, from a page's history, as the replay takes it. */
export function dryRunLeadOf(
  lead: Lead,
  acts: readonly DryRunActivity[],
  history: DryRunPageHistory,
  ctx: DryRunContext,
): DryRunLead {
  const { window, tenant } = ctx;
  const at = (d: Date) => d.toISOString();
  const occurrences: DryRunOccurrence[] = [];
  if (lead.createdAt >= window.since && lead.createdAt <= window.until)
    occurrences.push({
      event: 'lead_created',
      occurrence: `lead:${lead.id}`,
      at: at(lead.createdAt),
      source: lead.source,
      causedBy: [],
    });
  for (const a of acts) {
    if (isReply(a))
      occurrences.push({
        event: 'message_received',
        occurrence: `activity:${a.id}`,
        at: at(a.occurredAt),
        intent: extractIntentFallback(a.body ?? '').intent,
        channel: a.channel,
        causedBy: [],
      });
    if (a.kind === 'stage_change')
      occurrences.push({
        event: 'stage_changed',
        occurrence: `activity:${a.id}`,
        at: at(a.occurredAt),
        stageId: text(a.meta.stageId),
        status: text(a.meta.status),
        causedBy: [],
      });
  }
  for (const s of history.signals.filter((s) => s.leadId === lead.id))
    occurrences.push({
      event: 'signal_raised',
      occurrence: `alert:${s.id}`,
      at: at(s.at),
      signal: s.signal,
      causedBy: [],
    });
  occurrences.push(...scoreCrossings(history.scorings.filter((s) => s.leadId === lead.id)));
  for (const change of history.tagChanges.filter((t) => t.leadId === lead.id))
    for (const [event, tags] of [
      ['tag_added', change.added],
      ['tag_removed', change.removed],
    ] as const)
      for (const tag of tags)
        occurrences.push({ event, occurrence: `tags:${change.id}:${tag}`, at: at(change.at), tag, causedBy: [] });
  occurrences.push(...listingEvents(lead.id, history, ctx));

  const inbound = acts.filter((a) => a.direction === 'inbound' && isContact(a.kind)).map((a) => a.occurredAt);
  const human = acts.filter(isHumanContact).map((a) => a.occurredAt);
  const lastInboundBefore = history.lastInboundBefore.get(lead.id) ?? null;
  for (const rule of ctx.rules) {
    const times = rule.when.event === 'no_inbound' ? inbound : human;
    const lastBefore =
      rule.when.event === 'no_inbound' ? lastInboundBefore : (history.lastHumanBefore.get(lead.id) ?? null);
    occurrences.push(...silenceOccurrences(rule, { createdAt: lead.createdAt, lastBefore, times }, window));
  }
  for (const { rule, times } of ctx.schedules)
    for (const time of times) if (time >= lead.createdAt) occurrences.push(scheduleOccurrence(rule, time));

  const tz = leadTimeZone({
    postalCode: lead.postalCode,
    phone: lead.phone,
    override: lead.timezone,
    fallback: tenant.timezone,
  });
  const smsAllowed = !!lead.phone && !history.refused.has(`sms:${lead.phone.trim()}`);
  const emailAllowed = !!lead.email && !history.refused.has(`email:${lead.email.trim().toLowerCase()}`);
  const deal = history.deals.get(lead.id) ?? { stage: null, status: null, wonAt: null };
  const team = { timezone: tenant.timezone, officeHours: tenant.settings.officeHours };
  return {
    leadId: lead.id,
    name: lead.name || [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.id,
    timeZone: tz.zone,
    state: tz.state ?? null,
    // Today's fields; how long she has been quiet is counted to the moment asked about.
    factsAt: (when) => {
      const heard = [lastInboundBefore, ...inbound].filter((t): t is Date => !!t && t <= when);
      const lastInboundAt = heard.length ? new Date(Math.max(...heard.map((t) => t.getTime()))) : null;
      return leadFactsOf({ ...lead, lastInboundAt }, { smsAllowed, emailAllowed, ...deal }, team, when);
    },
    occurrences,
    exits: exitsOf(lead, acts, history),
  };
}

function exitsOf(lead: Lead, acts: readonly DryRunActivity[], history: DryRunPageHistory): DryRunExit[] {
  const exits: DryRunExit[] = [];
  for (const a of acts) {
    if (isReply(a)) exits.push({ at: a.occurredAt, kind: 'replied' });
    if (a.kind === 'appointment') exits.push({ at: a.occurredAt, kind: 'appointment_booked' });
    if (a.kind === 'stage_change')
      for (const stage of [text(a.meta.stageId), text(a.meta.status)])
        if (stage) exits.push({ at: a.occurredAt, kind: 'stage', stage });
  }
  const mine = new Set([`sms:${lead.phone?.trim()}`, `email:${lead.email?.trim().toLowerCase()}`]);
  for (const o of history.optOuts)
    if (mine.has(`${o.channel}:${o.address}`)) exits.push({ at: o.at, kind: 'opted_out' });
  return exits;
}

/**
 * Changed homes she had matched (before, or by that change) or viewed before it changed, and open houses at homes
 * she had matched or viewed before the open house reached us.
 */
function listingEvents(
  leadId: string,
  history: DryRunPageHistory,
  ctx: Pick<DryRunContext, 'changesByListing' | 'openHousesByListing'>,
): DryRunOccurrence[] {
  const matched = history.matched.filter((m) => m.leadId === leadId);
  const viewed = history.viewed.filter((v) => v.leadId === leadId);
  const keys = new Set([...matched, ...viewed].map((t) => t.listingKey));
  const found: DryRunOccurrence[] = [];
  for (const key of keys) {
    for (const openHouse of ctx.openHousesByListing.get(key) ?? []) {
      const byMatch = matched.some((m) => m.listingKey === key && m.at <= openHouse.at);
      const byView = viewed.some((v) => v.listingKey === key && v.at <= openHouse.at);
      if (!byMatch && !byView) continue;
      found.push({
        event: 'listing_event',
        occurrence: `open_house:${openHouse.openHouseKey}:${openHouse.startsAt.toISOString()}`,
        at: openHouse.at.toISOString(),
        listingKey: key,
        change: 'open_house',
        matched: byMatch,
        viewed: byView,
        causedBy: [],
      });
    }
    for (const change of ctx.changesByListing.get(key) ?? []) {
      const name = listingEventChange(change);
      const byMatch = matched.some((m) => m.listingKey === key && (m.triggerKey === change.id || m.at <= change.at));
      const byView = viewed.some((v) => v.listingKey === key && v.at <= change.at);
      if (!name || (!byMatch && !byView)) continue;
      found.push({
        event: 'listing_event',
        occurrence: `listing:${change.id}`,
        at: change.at.toISOString(),
        listingKey: key,
        change: name,
        matched: byMatch,
        viewed: byView,
        causedBy: [],
      });
    }
  }
  return found;
}
