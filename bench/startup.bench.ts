import { pathToFileURL } from 'node:url';
import {
  type Medians,
  type RunCost,
  checkout,
  medianOf,
  round,
  scratchFolder,
  startPorchlight,
  throwawayPostgres,
  timeNode,
  timePorchlight,
} from './porchlight-process.ts';

/*
 * How long `porchlight` takes to answer, as a user meets it: each figure is the median of 5 runs of a real
 * child process (after one warm-up run), against a bare `node -e 0` measured in the same run. `cpu_ms` is the
 * CPU the process used (user + system; for `start`, until it was healthy): on a busy machine wall time
 * mostly measures the machine. PGlite runs use a temporary data dir migrated beforehand; PostgreSQL runs
 * (DATABASE_URL) a throwaway database.
 */
const RUNS = 5;

const line = (figure: string, value: number | null, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'startup', figure, value, ...extra }));

export async function run(): Promise<void> {
  const folder = scratchFolder('startup');
  try {
    const cwd = folder.dir;
    const baseline = await medianOf(RUNS, () => timeNode(['-e', '0'], { cwd }));
    line('node_baseline_ms', round(baseline.median), {
      unit: 'ms',
      cpu_ms: baseline.cpuMedian === null ? null : round(baseline.cpuMedian),
      runs: baseline.runs,
      note: 'node -e 0',
    });
    const figure = (name: string, result: Medians) =>
      line(name, round(result.median), {
        unit: 'ms',
        cpu_ms: result.cpuMedian === null ? null : round(result.cpuMedian),
        runs: result.runs,
        ratio_to_node_baseline: round(result.median / baseline.median, 1),
        cpu_ratio_to_node_baseline:
          result.cpuMedian === null || !baseline.cpuMedian ? null : round(result.cpuMedian / baseline.cpuMedian, 1),
        checkout,
      });

    figure('help_ms', await medianOf(RUNS, () => timePorchlight(['--help'], { cwd })));

    const pglite = { PGLITE_DIR: `${cwd}/pglite` };
    await timePorchlight(['migrate'], { cwd, env: pglite });
    figure(
      'tenant_list_pglite_ms',
      await medianOf(RUNS, () => timePorchlight(['tenant', 'list'], { cwd, env: pglite })),
    );
    figure('start_healthy_pglite_ms', await medianOf(RUNS, () => timeStart(cwd, pglite)));

    const url = process.env.DATABASE_URL;
    if (!url) {
      const reason = 'DATABASE_URL is not set';
      line('tenant_list_postgres_ms', null, { unit: 'ms', reason });
      line('start_healthy_postgres_ms', null, { unit: 'ms', reason });
      return;
    }
    const database = await throwawayPostgres(url);
    try {
      const postgres = { DATABASE_URL: database.url };
      await timePorchlight(['migrate'], { cwd, env: postgres });
      figure(
        'tenant_list_postgres_ms',
        await medianOf(RUNS, () => timePorchlight(['tenant', 'list'], { cwd, env: postgres })),
      );
      figure('start_healthy_postgres_ms', await medianOf(RUNS, () => timeStart(cwd, postgres)));
    } finally {
      await database.drop();
    }
  } finally {
    folder.remove();
  }
}

/** Spawn to the first 200 from /healthz; the service is then stopped (SIGTERM) before the next run. */
async function timeStart(cwd: string, env: Record<string, string>): Promise<RunCost> {
  const service = await startPorchlight({ cwd, env });
  await service.stop();
  return { ms: service.healthyMs, cpuMs: service.healthyCpuMs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
