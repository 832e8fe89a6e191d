import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { ExportKind } from '../../core/exports/export-kind.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { id, oneOf, since as sinceOption, type Since } from '../parse-option.ts';
import { printJson } from '../print.ts';
import { withRuntime } from '../with-runtime.ts';

export interface ExportReport {
  what: ExportKind;
  rows: number;
  /** Absolute path written, or null when the CSV went to stdout. */
  file: string | null;
  bytes: number;
}

/** `--out`: a file in a folder that exists, so a typo fails before the database opens. */
const outFile = (value: string): string => {
  let isDir = false;
  try {
    isDir = statSync(dirname(resolve(value))).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new InvalidArgumentError('expected a file in a folder that exists');
  return value;
};

/** Waits out back-pressure, so a slow disk or a slow pipe reader holds the database reads back. */
async function writeAll(to: Writable, data: Buffer): Promise<void> {
  if (!to.write(data)) await once(to, 'drain');
}

/**
 * The command's work, callable from tests with their runtime: streams the export to `out` (or
 * stdout) a page at a time, so a million rows take the memory of one page. `onProgress` hears rows
 * written so far against the count taken at the start.
 */
export async function exportToFile(
  runtime: Runtime,
  input: {
    what: ExportKind;
    tenantId: string;
    since?: Date;
    out?: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ExportReport> {
  const [{ countExportRows, exportCsv }, { getTenant }] = await Promise.all([
    import('../../db/queries/exports/export-csv.ts'),
    import('../../db/queries/tenants.ts'),
  ]);
  if (!(await getTenant(runtime.db, input.tenantId)))
    throw new AppError('not_found', `no tenant ${input.tenantId} (see porchlight tenant list)`);
  const scope = { tenantId: input.tenantId, since: input.since };
  const total = input.onProgress ? await countExportRows(runtime.db, input.what, scope) : 0;
  let rows = 0;
  let bytes = 0;
  const file = input.out ? resolve(input.out) : null;
  const to: Writable = file ? createWriteStream(file) : process.stdout;
  const failed = new Promise<never>((_, reject) => to.once('error', reject));
  const chunks = exportCsv(runtime.db, input.what, scope, {
    onRows: (n) => {
      rows += n;
      input.onProgress?.(rows, Math.max(total, rows));
    },
  });
  const write = async () => {
    for await (const chunk of chunks) {
      const data = Buffer.from(chunk, 'utf8');
      bytes += data.length;
      await writeAll(to, data);
    }
    if (file) await new Promise<void>((done) => to.end(done));
  };
  // A disk that fills up or a closed pipe fails the command rather than leaving it waiting for 'drain'.
  await Promise.race([write(), failed]);
  return { what: input.what, rows, file, bytes };
}

/** `porchlight export <leads|alerts|deals|report> --tenant <id> [--since <ISO date|Nd>] [--out f.csv] [--json]` */
export function registerExportCommand(program: Command, run: typeof withRuntime = withRuntime): void {
  program
    .command('export')
    .description("write a team's leads, alerts, deals or report as CSV (the REST objects' fields, dotted)")
    .argument('<what>', ExportKind.options.join(', '), oneOf(ExportKind.options))
    .requiredOption('--tenant <id>', 'the team to export', id)
    .option('--since <date|Nd>', 'only rows created from then on: an ISO date, or Nd like 30d', sinceOption)
    .option('--out <file>', 'write the CSV to this file (default: stdout)', outFile)
    .option('--json', 'with --out: print {"what","rows","file","bytes"}')
    .action(async (what: ExportKind, opts: { tenant: string; since?: Since; out?: string; json?: boolean }) => {
      if (opts.json && !opts.out)
        throw new AppError('bad_usage', 'export --json needs --out (without it the CSV itself goes to stdout)');
      const { default: cliProgress } = await import('cli-progress');
      await run(async (runtime) => {
        // The bar goes to stderr and only on a terminal: stdout may be the CSV itself.
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { format: `${what} [{bar}] {value}/{total} rows`, stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let report: ExportReport;
        try {
          report = await exportToFile(runtime, {
            what,
            tenantId: opts.tenant,
            since: opts.since?.resolve(runtime.clock.now()),
            out: opts.out,
            onProgress: bar
              ? (done, total) => {
                  if (!bar.isActive) bar.start(total, 0);
                  bar.setTotal(total);
                  bar.update(done);
                }
              : undefined,
          });
        } finally {
          bar?.stop();
        }
        if (!report.file) return;
        if (opts.json) printJson(report);
        else process.stdout.write(`exported ${report.rows} ${what} rows to ${report.file} (${report.bytes} bytes)\n`);
      });
    });
}
