import { IANAZone } from 'luxon';

// At most a few hundred IANA names exist, so every valid one is kept; names that are not zones are not kept,
// so a stream of junk cannot grow the set.
const validZones = new Set<string>();

/**
 * Whether `zone` is an IANA time zone this runtime knows. Luxon answers by building an `Intl.DateTimeFormat`,
 * which costs more than the rest of reading a team's settings; the settings are read on every step of a lead's
 * message, so a known answer is remembered.
 * @example isIanaZone('America/Chicago') // true; isIanaZone('Mars/Olympus') // false
 */
export function isIanaZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid) validZones.add(zone);
  return valid;
}
