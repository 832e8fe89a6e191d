import { REPORT_DEFAULTS, ReportDimension, ReportRange } from '../../core/reports/report-options.ts';

/**
 * `/report 30d by source`, `/report source`, `/report 90d`: the range and the dimension in either order,
 * `by` optional (Discord's options arrive as `30d source`). A problem sentence when a word is neither.
 * @example parseReportArgs(['30d', 'by', 'source']) // { range: '30d', by: 'source' }
 */
export function parseReportArgs(args: readonly string[]): { range: ReportRange; by: ReportDimension } | string {
  let range: ReportRange = REPORT_DEFAULTS.range;
  let by: ReportDimension = REPORT_DEFAULTS.by;
  const seen = new Set<string>();
  for (const word of args.map((a) => a.toLowerCase()).filter((a) => a !== 'by')) {
    const r = ReportRange.safeParse(word);
    const d = ReportDimension.safeParse(word.replace(/s$/, ''));
    const kind = r.success ? 'range' : d.success ? 'by' : undefined;
    if (!kind)
      return (
        `\`${word}\` is not a period or a grouping: the period is ${ReportRange.options.join(', ')}; ` +
        `group by ${ReportDimension.options.join(', ')}.`
      );
    if (seen.has(kind)) return kind === 'range' ? 'Give one period.' : 'Group by one thing at a time.';
    seen.add(kind);
    if (r.success) range = r.data;
    if (d.success) by = d.data;
  }
  return { range, by };
}
