import { DateTime } from 'luxon';
import { isWithinHours } from '../alerts/working-hours.ts';
import type { WorkingHours } from '../alerts/working-hours.ts';
import type { LeadFacts } from './automation-condition.ts';

/** The lead columns a rule's `if` reads (a `leads` row fits). */
export interface LeadForFacts {
  source: string | null;
  score: number | null;
  temperature: 'hot' | 'warm' | 'cold' | null;
  tags: string[];
  areas: string[];
  city: string | null;
  state: string | null;
  postalCode: string | null;
  language: string | null;
  budgetMax: number | null;
  timelineMonths: number | null;
  preApproved: boolean | null;
  assigneeId: string | null;
  phone: string | null;
  email: string | null;
  dnd: boolean;
  customFields: Record<string, unknown>;
  lastInboundAt: Date | null;
  createdAt: Date;
}

/**
 * The plain facts a condition tests, from the lead row and what the caller looked up (consent, her deal,
 * office hours); the engine and the dry run build them the same way.
 * @example leadFactsOf(lead, { smsAllowed, emailAllowed, stage: null, status: null, wonAt: null }, team, now)
 */
export function leadFactsOf(
  lead: LeadForFacts,
  extra: {
    smsAllowed: boolean;
    emailAllowed: boolean;
    stage: string | null;
    status: string | null;
    wonAt: Date | null;
  },
  team: { timezone: string; officeHours?: WorkingHours },
  now: Date,
): LeadFacts {
  const consent = (address: string | null, allowed: boolean) =>
    !address ? 'no_address' : allowed && !lead.dnd ? 'allowed' : 'opted_out';
  const quietSince = lead.lastInboundAt ?? lead.createdAt;
  return {
    source: lead.source,
    score: lead.score,
    temperature: lead.temperature,
    tags: lead.tags,
    stage: extra.stage,
    status: extra.status,
    area: [...lead.areas, ...(lead.city ? [lead.city] : []), ...(lead.postalCode ? [lead.postalCode] : [])],
    assignee: lead.assigneeId,
    consentSms: consent(lead.phone, extra.smsAllowed),
    consentEmail: consent(lead.email, extra.emailAllowed),
    businessHours: team.officeHours ? isWithinHours(now, { timezone: team.timezone, hours: team.officeHours }) : true,
    city: lead.city,
    state: lead.state,
    postalCode: lead.postalCode,
    language: lead.language,
    budgetMax: lead.budgetMax,
    timelineMonths: lead.timelineMonths,
    preApproved: lead.preApproved,
    // The team's calendar date, so an anniversary falls on the day they remember (not the UTC one).
    wonAt: extra.wonAt ? DateTime.fromJSDate(extra.wonAt, { zone: team.timezone }).toISODate() : null,
    createdAt: DateTime.fromJSDate(lead.createdAt, { zone: team.timezone }).toISODate() ?? lead.createdAt.toISOString(),
    daysSinceInbound: Math.max(0, (now.getTime() - quietSince.getTime()) / 86_400_000),
    customFields: lead.customFields,
  };
}
