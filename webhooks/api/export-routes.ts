import { z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors/app-error.ts';
import { ExportKind, exportFileName } from '../../core/exports/export-kind.ts';
import { parseSince } from '../../core/exports/parse-since.ts';
import { exportCsv } from '../../db/queries/exports/export-csv.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { requireManager } from '../middleware/tenant-api-key.ts';
import { apiApp } from './api-app.ts';
import { apiRoute } from './api-route.ts';
import { csvResponse } from './csv-response.ts';

const FILES = ExportKind.options.map((what) => `${what}.csv`);
const SINCE_HELP = 'an ISO date like 2026-03-01 (or an instant), or Nd like 30d';

const exportRoute = apiRoute({
  method: 'get',
  path: '/api/v1/exports/{file}',
  tags: ['exports'],
  summary: "The team's leads, alerts, deals or report as CSV (managers, admins and the team key)",
  description:
    'RFC 4180 CSV, UTF-8 with a byte-order mark, CRLF line ends, one header row, ISO 8601 times. Columns are ' +
    'the fields of the matching API object; nested fields are dotted (`assignee.name`) and lists are JSON text. ' +
    'Streamed: a large team downloads in constant server memory.',
  request: {
    // Checked by the handler, so an unknown export is a 422 naming the choices, like a bad query.
    params: z.object({ file: z.string().openapi({ description: FILES.join(' | '), example: 'leads.csv' }) }),
    query: z.object({
      since: z
        .string()
        .refine((v) => parseSince(v, new Date()) !== undefined, `must be ${SINCE_HELP}`)
        .optional()
        .openapi({ description: `Only rows created from then on: ${SINCE_HELP}. Default: everything.` }),
    }),
  },
  responses: {
    200: {
      description: 'The CSV file, as an attachment',
      content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  errors: {
    403: 'An agent key of an agent: only managers and admins export (`forbidden`)',
    422: `Unknown export (one of ${FILES.join(', ')}) or a bad \`since\` (\`validation_failed\`)`,
  },
});

/** `GET /api/v1/exports/<leads|alerts|deals|report>.csv?since=`: the same exporter as `porchlight export`. */
export function apiExportRoutes(runtime: Runtime) {
  const app = apiApp();
  app.openapi(exportRoute, async (c) => {
    requireManager(c.get('principal'));
    const file = c.req.valid('param').file;
    const what = ExportKind.safeParse(file.replace(/\.csv$/, ''));
    if (!file.endsWith('.csv') || !what.success)
      throw new AppError('validation_failed', `file: must be one of ${FILES.join(', ')}`);
    const raw = c.req.valid('query').since;
    const now = runtime.clock.now();
    const since = raw === undefined ? undefined : parseSince(raw, now);
    const chunks = exportCsv(runtime.db, what.data, { tenantId: c.get('tenantId'), since });
    // The typed handler expects the documented JSON shapes; a streamed CSV body is a plain Response.
    return (await csvResponse(chunks, exportFileName(what.data, now))) as never;
  });
  return app;
}
