import { OPEN_HOUSE_ACTIVE } from './open-house.ts';

/** What decides whether an open house is worth telling a lead about. */
export interface OpenHouseSchedule {
  startsAt: Date;
  status: string;
  /** OpenHouseType; null when the feed leaves it out. */
  type: string | null;
}

/**
 * Broker, office and association open houses are for agents, and a private one is by invitation: only a public
 * one (or one the feed does not type) is an invitation a buyer can take up.
 */
const openToBuyers = (o: OpenHouseSchedule) =>
  o.status === OPEN_HOUSE_ACTIVE && (o.type === null || o.type.toLowerCase() === 'public');

/**
 * Is this version of an open house news for the leads who care about the home: a public one that is scheduled,
 * still ahead, and was not announced at this time before (new, moved, or back after a cancellation)? A
 * cancelled or ended one, or an edit to the remarks, announces nothing.
 * @example openHouseNews(null, { startsAt: saturday, status: 'Active', type: 'Public' }, now) // true
 */
export function openHouseNews(previous: OpenHouseSchedule | null, next: OpenHouseSchedule, now: Date): boolean {
  if (!openToBuyers(next) || next.startsAt <= now) return false;
  if (!previous || !openToBuyers(previous)) return true;
  return previous.startsAt.getTime() !== next.startsAt.getTime();
}
