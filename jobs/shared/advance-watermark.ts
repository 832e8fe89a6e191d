/**
 * Where a feed's watermark may move after storing a page (records ordered by ModificationTimestamp, oldest
 * first). It stops short of the page's newest timestamp while more pages follow: records sharing that timestamp
 * may continue on the next page, and `gt` would skip them if the run stopped in between. It never moves back.
 */
export function advanceWatermark(watermark: string | null, records: unknown[], morePages: boolean): string | null {
  const stamps = records
    .map((r) => Date.parse(String((r as { ModificationTimestamp?: unknown } | null)?.ModificationTimestamp ?? '')))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  if (stamps.length === 0) return watermark;
  const newest = stamps[stamps.length - 1];
  const safe = morePages ? stamps.filter((t) => t < newest).pop() : newest;
  if (safe === undefined) return watermark;
  return watermark && Date.parse(watermark) >= safe ? watermark : new Date(safe).toISOString();
}
