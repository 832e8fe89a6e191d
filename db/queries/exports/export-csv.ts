import type { ExportKind } from '../../../core/exports/export-kind.ts';
import { csvChunks } from '../../../core/exports/csv-chunks.ts';
import type { FlatRow } from '../../../core/exports/flatten-row.ts';
import type { Executor } from '../../client.ts';
import { ALERT_COLUMNS, alertExportPages, countAlertExport } from './alert-export.ts';
import { DEAL_COLUMNS, countDealExport, dealExportPages } from './deal-export.ts';
import type { ExportScope } from './export-scope.ts';
import { LEAD_COLUMNS, countLeadExport, leadExportPages } from './lead-export.ts';
import { REPORT_COLUMNS, countReportExport, reportExportPages } from './report-export.ts';

export type { ExportScope } from './export-scope.ts';

interface ExportSource {
  columns: readonly string[];
  pages(db: Executor, scope: ExportScope): AsyncGenerator<FlatRow[]>;
  count(db: Executor, scope: ExportScope): Promise<number>;
}

const SOURCES: Record<ExportKind, ExportSource> = {
  leads: { columns: LEAD_COLUMNS, pages: leadExportPages, count: countLeadExport },
  alerts: { columns: ALERT_COLUMNS, pages: alertExportPages, count: countAlertExport },
  deals: { columns: DEAL_COLUMNS, pages: dealExportPages, count: countDealExport },
  report: { columns: REPORT_COLUMNS, pages: reportExportPages, count: countReportExport },
};

/** The header row of an export: its columns in order, dotted for nested fields. */
export const exportColumns = (what: ExportKind): readonly string[] => SOURCES[what].columns;

/** How many data rows an export will have (for a progress bar's total); rows may arrive while it runs. */
export const countExportRows = (db: Executor, what: ExportKind, scope: ExportScope): Promise<number> =>
  SOURCES[what].count(db, scope);

/**
 * One export as CSV text chunks (BOM, header, then a chunk per page of 5,000 rows), read lazily: the
 * CLI pipes it to a file, the REST route streams it as the response body, chat collects it for an
 * upload. `onRows` hears each page's row count as it is encoded (for progress bars).
 * @example for await (const chunk of exportCsv(db, 'alerts', { tenantId })) file.write(chunk)
 */
export async function* exportCsv(
  db: Executor,
  what: ExportKind,
  scope: ExportScope,
  options: { onRows?: (rows: number) => void } = {},
): AsyncGenerator<string> {
  const source = SOURCES[what];
  async function* counted(): AsyncGenerator<FlatRow[]> {
    for await (const page of source.pages(db, scope)) {
      yield page;
      options.onRows?.(page.length);
    }
  }
  yield* csvChunks(source.columns, counted());
}
