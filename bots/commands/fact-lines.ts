import { factLines } from '../../core/intent/describe-fact.ts';
import type { FactWithChannel } from '../../db/queries/leads/lead-facts.ts';

const BY: Record<string, string> = {
  sms: 'by text',
  email: 'by email',
  call: 'on a call',
  voicemail: 'in a voicemail',
};

/** "pre-approved (Chase, $450k) — said by text on Dec 1": what the lead told us, and where and when. */
export function leadFactLines(facts: FactWithChannel[], timeZone: string): string[] {
  const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone });
  return factLines(facts).map(({ fact, text }) => {
    const f = fact as FactWithChannel;
    const where = f.source.startsWith('crm:')
      ? `from the CRM field ${f.source.slice(4)}`
      : `said ${BY[f.channel ?? ''] ?? (f.channel ? `on ${f.channel}` : 'in a message')}`;
    return `• ${text} — ${where} on ${day.format(f.at)}`;
  });
}
