import { DateTime } from 'luxon';

/** Small display helpers shared by the view builders; kept dumb so every platform shows the same words. */

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export function formatPrice(amount: number): string {
  return USD.format(amount);
}

/** Handles are stored without the `@`; people read them with it. */
export function formatHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`;
}

export function formatBedsBaths(beds: number | null | undefined, baths: number | null | undefined): string {
  const parts = [];
  if (beds != null) parts.push(`${beds} bd`);
  if (baths != null) parts.push(`${baths} ba`);
  return parts.join(' / ');
}

/** "9:14 AM" in the reader's zone; falls back to UTC so a missing zone never hides the time. */
export function formatTime(at: string, timeZone = 'UTC'): string {
  const dt = DateTime.fromISO(at, { zone: 'utc' }).setZone(timeZone);
  if (!dt.isValid) return at;
  return `${dt.toFormat('MMM d, h:mm a')}${timeZone === 'UTC' ? ' UTC' : ''}`;
}
