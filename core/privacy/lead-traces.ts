import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface LeadIdentity {
  name: string;
  /** E.164 */
  phone: string | null;
  email: string | null;
  ghlContactId: string | null;
}

/** Names shorter than this are too common to look for in other people's payloads ("Al", "Ana"). */
const MIN_NAME_CHARS = 5;

export interface LeadTraces {
  /** Substrings, matched case-insensitively. */
  texts: string[];
  /** The national number's digits, matched against a payload's digits alone so "(512) 555-0100" is found too. */
  phoneDigits: string | null;
}

/**
 * How a lead shows up inside stored raw payloads (webhook bodies, audit data): the phone as E.164, URL-encoded
 * (Twilio posts forms: `From=%2B1512…`) and as national digits in any punctuation, the email plain and
 * URL-encoded, the CRM contact id, and a full name long enough not to match strangers.
 * @example leadTraces({ name: 'Ana Lopez', phone: '+15125550100', email: 'ana@x.com', ghlContactId: 'c1' })
 */
export function leadTraces(lead: LeadIdentity): LeadTraces {
  const traces = new Set<string>();
  let phoneDigits: string | null = null;
  if (lead.phone) {
    traces.add(lead.phone);
    traces.add(encodeURIComponent(lead.phone));
    const national = parsePhoneNumberFromString(lead.phone)?.nationalNumber;
    // Fewer digits than this would turn up inside unrelated numbers (timestamps, ids).
    if (national && national.length >= 7) phoneDigits = national;
  }
  if (lead.email) {
    const email = lead.email.trim().toLowerCase();
    traces.add(email);
    traces.add(encodeURIComponent(email));
  }
  if (lead.ghlContactId) traces.add(lead.ghlContactId);
  const name = lead.name.trim();
  if (name.length >= MIN_NAME_CHARS) traces.add(name);
  return { texts: [...traces].filter(Boolean), phoneDigits };
}
