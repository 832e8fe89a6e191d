import type { AlertSignal } from '../alerts/decide-alert.ts';
import type { LeadSignal } from './detect-signals.ts';
import type { LeadSnapshot } from './lead-snapshot.ts';

/**
 * detectSignals speaks in behaviours; the alert policy in alert kinds. Buying bursts (asking for
 * a showing, one home viewed again and again) are hot leads whatever the score; other replies
 * (after a long silence, asking for a person) are `lead_reply`: an agent should answer now.
 */
export function alertSignalFor(
  signal: LeadSignal,
  lead: { leadId: string; score: number; previousScore: number | null; snapshot: LeadSnapshot },
): AlertSignal {
  const { leadId, score } = lead;
  switch (signal.code) {
    case 'became_hot':
      return { type: 'hot_lead', leadId, score, previousScore: lead.previousScore };
    case 'listing_burst':
    case 'showing_request':
      return {
        type: 'hot_lead',
        leadId,
        score,
        previousScore: null,
        behaviour: signal.reason,
        behaviourPriority: signal.priority === 'critical' ? 'critical' : 'high',
      };
    case 'area_saves':
      // Its own alert per area and day, beside the lead's other hot-lead alert of the day.
      return {
        type: 'hot_lead',
        leadId,
        score,
        previousScore: null,
        behaviour: signal.reason,
        behaviourPriority: 'high',
        ...(signal.area ? { behaviourScope: `area:${signal.area.toLowerCase()}` } : {}),
      };
    case 'reply_after_silence':
    case 'asks_for_person':
      return { type: 'lead_reply', leadId, leadScore: score };
    case 'no_human_contact':
      return { type: 'stale_lead', leadId, leadScore: score, lastContactAt: lastHumanContact(lead.snapshot) };
  }
}

function lastHumanContact(snapshot: LeadSnapshot): Date {
  const times = snapshot.activities
    .filter((a) => a.human === true && (a.direction === 'outbound' || a.kind === 'appointment'))
    .map((a) => new Date(a.occurredAt).getTime());
  if (snapshot.lastHumanContactAt) times.push(new Date(snapshot.lastHumanContactAt).getTime());
  return new Date(times.length ? Math.max(...times) : new Date(snapshot.createdAt).getTime());
}
