/**
 * `npm test` runs each chaos scenario short; `npm run chaos` (CHAOS=long) runs it at the scale.
 * Each scenario prints one JSON line with its figures either way.
 */
export const CHAOS_LONG = process.env.CHAOS === 'long';
export const chaosScale = <T>(short: T, long: T): T => (CHAOS_LONG ? long : short);

export function reportLine(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...figures, scale: CHAOS_LONG ? 'long' : 'short' })}\n`);
}
