import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { CrmContact } from './crm-event.ts';

/** The typed lead columns a tenant's GHL custom fields can feed (`tenants.settings.ghlFieldMap`). */
export const LEAD_FIELD_TARGETS = [
  'budgetMin',
  'budgetMax',
  'timelineMonths',
  'areas',
  'beds',
  'baths',
  'propertyType',
  'preApproved',
] as const;
export type LeadFieldTarget = (typeof LEAD_FIELD_TARGETS)[number];

export interface MappedLeadFields {
  budgetMin?: number;
  budgetMax?: number;
  timelineMonths?: number;
  areas?: string[];
  beds?: number;
  baths?: number;
  propertyType?: string;
  preApproved?: boolean;
}

/**
 * GHL phone fields are whatever the form collected ("(512) 555-0100", "5125550100"); we store
 * E.164 so SMS, consent and lookups by phone agree. Unparseable numbers become null rather than
 * a wrong number.
 * @example toE164('(512) 555-0100') // '+15125550100'
 */
export function toE164(phone: string | null | undefined, defaultCountry: CountryCode = 'US'): string | null {
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * Maps a contact's custom field values onto typed lead columns. Values come from free-text GHL
 * forms, so each parser accepts the usual spellings ("$450k", "3+", "6 months", "Yes") and a
 * value it cannot read is left out (the raw value is still kept in `leads.custom_fields`).
 */
export function mapCustomFields(
  fields: CrmContact['customFields'],
  map: Record<string, LeadFieldTarget>,
): MappedLeadFields {
  const out: MappedLeadFields = {};
  for (const { id, value } of fields) {
    const target = map[id];
    if (!target) continue;
    switch (target) {
      case 'budgetMin':
      case 'budgetMax':
        assign(out, target, parseMoney(value));
        break;
      case 'timelineMonths':
        assign(out, target, parseMonths(value));
        break;
      case 'beds':
      case 'baths':
        assign(out, target, parseCount(value));
        break;
      case 'areas':
        assign(out, target, parseList(value));
        break;
      case 'propertyType':
        assign(out, target, typeof value === 'string' && value.trim() ? value.trim() : undefined);
        break;
      case 'preApproved':
        assign(out, target, parseYesNo(value));
        break;
    }
  }
  return out;
}

function assign<K extends keyof MappedLeadFields>(
  out: MappedLeadFields,
  key: K,
  value: MappedLeadFields[K] | undefined,
): void {
  if (value !== undefined) out[key] = value;
}

/** "$450,000" | "450k" | "1.2M" | 450000 → whole dollars; a range "400-500k" yields its upper bound. */
export function parseMoney(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const parts = value
    .toLowerCase()
    .replace(/[$,\s]/g, '')
    .split(/-|to/)
    .filter(Boolean);
  const last = parts.at(-1);
  const m = last ? /^(\d+(?:\.\d+)?)([km])?$/.exec(last) : null;
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'k' ? 1_000 : m[2] === 'm' ? 1_000_000 : 1);
  return Math.round(n);
}

/** "ASAP" → 0, "3-6 months" → 3 (the soonest), "1 year" → 12, 6 → 6. */
export function parseMonths(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.toLowerCase();
  if (/asap|immediate|now|ready/.test(text)) return 0;
  const m = /(\d+(?:\.\d+)?)/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(/year|yr/.test(text) ? n * 12 : /week/.test(text) ? n / 4 : n);
}

/** "3+" | "3 bedrooms" | 3 → 3 */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /(\d+)/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** "Austin, Round Rock; 78704" or ["Austin"] → trimmed, non-empty entries. */
export function parseList(value: unknown): string[] | undefined {
  const items = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/[,;|\n]/)
      : undefined;
  const list = items?.map((s) => s.trim()).filter(Boolean);
  return list?.length ? list : undefined;
}

export function parseYesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return parseYesNo(value[0]);
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (/^(yes|y|true|1|pre-?approved|approved)$/.test(t)) return true;
  if (/^(no|n|false|0|not yet|no,? .*)$/.test(t)) return false;
  return undefined;
}
