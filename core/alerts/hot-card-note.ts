import type { Temperature } from '../scoring/score-lead.ts';

/** The SMS assistant's hand-off reasons (core/messaging/qualification-flow.ts), in words. */
const HANDOFF_WORDS: Record<string, string> = {
  wants_showing: 'asked to see a property',
  asked_for_person: 'asked to talk to a person',
  pre_approved: 'said she is pre-approved',
  qualified: 'answered every qualifying question',
};

/**
 * When a hot-lead card's score is not hot, the card says why it is hot anyway, in words: "Score 58
 * (warm), raised as hot because Ana asked to see 12 Oak St on Saturday". A behaviour (a showing
 * request, one home viewed again and again) outranks the model; an agent must not be left to
 * guess which of the two to believe. Undefined when they agree or the alert is not a hot lead.
 */
export function hotCardNote(
  alert: { kind: string; details: Record<string, unknown> },
  lead: { firstName: string; score: number; temperature: Temperature },
): string | undefined {
  if (alert.kind !== 'hot_lead' || lead.temperature === 'hot') return undefined;
  const { why, handoff, signal } = alert.details;
  const said =
    typeof handoff === 'string'
      ? HANDOFF_WORDS[handoff]
      : signal !== 'became_hot' && typeof why === 'string'
        ? why
        : undefined;
  const because = said ? ` because ${lead.firstName} ${said}` : '';
  return `Score ${lead.score} (${lead.temperature}), raised as hot${because}`;
}
