import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import type { UpsertListingsResult } from '../../db/use-cases/listings/upsert-listings.ts';
import { withRuntime } from '../with-runtime.ts';
import { existingFile, id } from '../parse-option.ts';

const require = createRequire(import.meta.url);

export interface ListingFile {
  rows: unknown[];
  /** How the error report names row i: "line 7" for CSV, "item 3" for JSON. */
  where: (index: number) => string;
}

/**
 * CSV with RESO column names (one header line; blank cells are absent fields), or RESO JSON:
 * an array of Property objects or an OData response `{"value":[...]}`.
 */
export function parseListingFile(path: string, text: string): ListingFile {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    // Required here, by the one command that reads CSV, instead of loading with every `porchlight` run.
    const { parse: parseCsv } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
    try {
      records = parseCsv(text, {
        columns: true,
        info: true,
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: false,
      });
    } catch (error) {
      throw new AppError('bad_request', `${path} is not valid CSV: ${(error as Error).message}`);
    }
    return { rows: records.map((r) => r.record), where: (i) => `line ${records[i].info.lines}` };
  }
  if (ext === '.json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new AppError('bad_request', `${path} is not valid JSON: ${(error as Error).message}`);
    }
    const rows = Array.isArray(body) ? body : (body as { value?: unknown } | null)?.value;
    if (!Array.isArray(rows))
      throw new AppError('bad_request', `${path} must hold an array of listings or an OData {"value":[...]} response`);
    return { rows, where: (i) => `item ${i + 1}` };
  }
  throw new AppError('bad_request', `${path}: import reads .csv or .json files`);
}

/**
 * Spreadsheet exports rarely carry `ModificationTimestamp`; the import time stands in (once per file, so every
 * row of one import shares it). A present but malformed value is left alone so validation rejects that row.
 */
export function stampMissingModificationTimestamps(
  rows: unknown[],
  now: Date,
): { rows: unknown[]; count: number; at: string } {
  const at = now.toISOString();
  let count = 0;
  const stamped = rows.map((row) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
    const value = (row as Record<string, unknown>).ModificationTimestamp;
    if (value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')) return row;
    count += 1;
    return { ...row, ModificationTimestamp: at };
  });
  return { rows: stamped, count, at };
}

export interface ImportReport {
  result: UpsertListingsResult;
  /** Rows with at least one problem. */
  rejectedRows: number;
  /** One line per problem: `line 7: ListPrice: must be a number`. */
  problems: string[];
  /** Rows stamped with the import time for lack of a ModificationTimestamp. */
  stamped: number;
  summary: string;
}

/** The command's work, callable from tests with their runtime. */
export async function importListings(
  runtime: Runtime,
  input: { path: string; tenantId: string; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const [{ getTenant }, { upsertListings }] = await Promise.all([
    import('../../db/queries/tenants.ts'),
    import('../../db/use-cases/listings/upsert-listings.ts'),
  ]);
  if (!(await getTenant(runtime.db, input.tenantId)))
    throw new AppError('not_found', `no tenant ${input.tenantId} (see porchlight tenant list)`);
  const text = await readFile(input.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError(
      'bad_request',
      error.code === 'ENOENT' ? `no file ${input.path}` : `cannot read ${input.path}: ${error.message}`,
    );
  });
  const file = parseListingFile(input.path, text);
  const stamped = stampMissingModificationTimestamps(file.rows, runtime.clock.now());
  const result = await upsertListings(runtime, {
    tenantId: input.tenantId,
    listings: stamped.rows,
    source: 'import',
    onProgress: input.onProgress,
  });
  const problems = result.rejected.map((r) => `${file.where(r.index)}: ${r.field}: ${r.message}`);
  const rejectedRows = new Set(result.rejected.map((r) => r.index)).size;
  const byType = new Map<string, number>();
  for (const c of result.changes) byType.set(c.changeType, (byType.get(c.changeType) ?? 0) + 1);
  const changeText = [...byType].map(([type, n]) => `${n} ${type}`).join(', ');
  const summary =
    `Imported ${result.upserted} of ${file.rows.length} listings: ${result.changes.length} changes${changeText ? ` (${changeText})` : ''}, ` +
    `${result.unchanged} unchanged, ${rejectedRows} rejected.` +
    (stamped.count
      ? ` ${stamped.count} row(s) had no ModificationTimestamp and were stamped with the import time (${stamped.at}).`
      : '');
  return { result, rejectedRows, problems, stamped: stamped.count, summary };
}

const listingFile = existingFile(['.csv', '.json']);

/** `porchlight import listings <file.csv|file.json> --tenant <id>` */
export function registerImportListingsCommand(program: Command): void {
  const group =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data from files');
  group
    .command('listings')
    .description('import RESO listings from CSV or JSON; bad rows are reported by line, good rows are stored')
    .argument('<file>', 'a .csv with RESO column names, or RESO JSON (an array or {"value":[...]})', listingFile)
    .requiredOption('--tenant <id>', 'the tenant the listings belong to', id)
    .option('--json', 'print the result as JSON (upserted, changes, unchanged, rejected rows, stamped rows)')
    .action(async (path: string, opts: { tenant: string; json?: boolean }) => {
      const { default: cliProgress } = await import('cli-progress');
      await withRuntime(async (runtime) => {
        // The bar goes to stderr and only on a terminal, so piped output stays the summary line.
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: 'listings [{bar}] {value}/{total}', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        let report: ImportReport;
        try {
          report = await importListings(runtime, {
            path,
            tenantId: opts.tenant,
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            },
          });
        } finally {
          bar?.stop();
        }
        if (opts.json) {
          const { upserted, changes, unchanged, rejected } = report.result;
          process.stdout.write(
            `${JSON.stringify({ upserted, changes, unchanged, rejectedRows: report.rejectedRows, rejected, stamped: report.stamped })}\n`,
          );
        } else {
          for (const line of report.problems) process.stderr.write(`${line}\n`);
          process.stdout.write(`${report.summary}\n`);
        }
        if (report.rejectedRows)
          throw new AppError(
            'validation_failed',
            `${report.rejectedRows} row(s) rejected; fix the lines above and import again (good rows were stored)`,
          );
      });
    });
}
