/** Mean Earth radius in miles (IUGG). */
export const EARTH_RADIUS_MILES = 3958.8;

/**
 * Great-circle distance in miles between two points given in degrees. Good to a fraction of a
 * percent at city scale, which is all a "within 5 miles" search needs.
 * @example haversineMiles(30.2672, -97.7431, 29.7604, -95.3698) // Austin → Houston ≈ 146
 */
export function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}
