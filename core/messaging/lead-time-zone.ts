import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { isIanaZone } from '../time/iana-zone.ts';
import { stateForZip3, zoneForZip3 } from './zip3-states.ts';
import { stateForAreaCode, zoneForAreaCode } from './area-code-states.ts';

export const LeadTimeZoneSource = z.enum(['override', 'postal_code', 'area_code', 'fallback']);
export type LeadTimeZoneSource = z.infer<typeof LeadTimeZoneSource>;

export const LeadTimeZone = z.object({
  zone: z.string(),
  /** Two-letter US state when known: it selects the state's stricter quiet-hours window. */
  state: z.string().optional(),
  source: LeadTimeZoneSource,
});
export type LeadTimeZone = z.infer<typeof LeadTimeZone>;

export interface LeadLocation {
  postalCode?: string | null;
  phone?: string | null;
  /** Tenant override for this lead (or for every lead of a single-market tenant). */
  override?: string | null;
  /** Tenant's own zone, used when nothing about the lead locates them. */
  fallback: string;
}

const isValidZone = isIanaZone;

/** "+1 (512) 555-0123" → "512"; only NANP numbers carry a US area code. */
export function nanpAreaCode(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  const national =
    digits.length === 11 && digits.startsWith('1')
      ? digits.slice(1)
      : digits.length === 10 && !phone.trim().startsWith('+')
        ? digits
        : undefined;
  return national && /^[2-9]\d{2}[2-9]/.test(national) ? national.slice(0, 3) : undefined;
}

/**
 * Where a lead's clock is. Order: override, postal code (where they live or search), phone area
 * code (where the number was issued: people keep numbers when they move), tenant fallback.
 * The postal code's state is kept even when an override sets the zone, for state quiet-hours rules.
 * @example leadTimeZone({ postalCode: '78704', fallback: 'America/New_York' }) // { zone: 'America/Chicago', state: 'TX', source: 'postal_code' }
 */
export function leadTimeZone(location: LeadLocation): LeadTimeZone {
  if (!isValidZone(location.fallback))
    throw new AppError('invalid_config', `tenant time zone "${location.fallback}" is not an IANA zone`);
  const zip = location.postalCode?.trim().match(/^(\d{3})\d{2}(?:-?\d{4})?$/);
  const zip3 = zip ? Number(zip[1]) : undefined;
  const areaCode = location.phone ? nanpAreaCode(location.phone) : undefined;
  const state =
    (zip3 !== undefined ? stateForZip3(zip3) : undefined) ?? (areaCode ? stateForAreaCode(areaCode) : undefined);

  if (location.override && isValidZone(location.override))
    return withState({ zone: location.override, source: 'override' }, state);
  const byZip = zip3 !== undefined ? zoneForZip3(zip3) : undefined;
  if (byZip) return withState({ zone: byZip, source: 'postal_code' }, stateForZip3(zip3!));
  const byCode = areaCode ? zoneForAreaCode(areaCode) : undefined;
  if (byCode) return withState({ zone: byCode, source: 'area_code' }, stateForAreaCode(areaCode!));
  return { zone: location.fallback, source: 'fallback' };
}

const withState = (tz: Omit<LeadTimeZone, 'state'>, state: string | undefined): LeadTimeZone =>
  state ? { ...tz, state } : tz;
