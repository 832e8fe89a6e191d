import { z } from 'zod';

/**
 * What the brief may know about a lead. Deliberately no phone, email or surname: the model needs
 * none of them to write a brief, so they are never sent.
 */
export interface LeadBriefInput {
  firstName?: string | null;
  score?: number | null;
  temperature?: 'hot' | 'warm' | 'cold' | null;
  reasons?: Array<{ text: string }>;
  source?: string | null;
  preApproved?: boolean | null;
  budgetMin?: number | null;
  budgetMax?: number | null;
  timelineMonths?: number | null;
  areas?: string[];
  beds?: number | null;
  savedSearchCount?: number;
  daysSinceHumanContact?: number | null;
  /** The last few messages, newest last; trimmed by the caller. */
  recentMessages?: Array<{ direction: 'inbound' | 'outbound'; body: string }>;
}

/** A usable brief is one paragraph of sensible length; anything else is treated as a failed call. */
export const LeadBriefText = z
  .string()
  .transform((s) => s.replace(/\s*\n+\s*/g, ' ').trim())
  .pipe(z.string().min(40, 'brief too short').max(1200, 'brief too long'));

const dollars = (n: number) =>
  n >= 1_000_000 ? `$${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M` : `$${Math.round(n / 1_000)}k`;

/** The brief without AI: the same facts, in a fixed order. */
export function writeLeadBriefFallback(lead: LeadBriefInput): string {
  const who = lead.firstName?.trim() || 'This lead';
  const parts: string[] = [];
  const warmth = lead.temperature ? `a ${lead.temperature} lead` : 'a lead';
  parts.push(
    `${who} is ${warmth}${lead.score !== null && lead.score !== undefined ? ` (score ${lead.score})` : ''}${lead.source ? ` from ${lead.source}` : ''}.`,
  );

  const wants: string[] = [];
  if (lead.beds) wants.push(`${lead.beds}+ beds`);
  if (lead.areas?.length) wants.push(`in ${lead.areas.join(', ')}`);
  if (lead.budgetMin && lead.budgetMax) wants.push(`between ${dollars(lead.budgetMin)} and ${dollars(lead.budgetMax)}`);
  else if (lead.budgetMax) wants.push(`up to ${dollars(lead.budgetMax)}`);
  if (lead.timelineMonths !== null && lead.timelineMonths !== undefined)
    wants.push(`buying within ${lead.timelineMonths} months`);
  if (wants.length) parts.push(`Looking for a home ${wants.join(', ')}.`);
  if (lead.preApproved === true) parts.push('Pre-approved.');
  if (lead.preApproved === false) parts.push('Not pre-approved yet.');
  if (lead.reasons?.length)
    parts.push(
      `Why the score: ${lead.reasons
        .slice(0, 3)
        .map((r) => r.text)
        .join('; ')}.`,
    );
  if (
    lead.daysSinceHumanContact !== null &&
    lead.daysSinceHumanContact !== undefined &&
    lead.daysSinceHumanContact >= 1
  ) {
    parts.push(`No one on the team has talked with them for ${Math.floor(lead.daysSinceHumanContact)} days.`);
  }
  return parts.join(' ');
}
