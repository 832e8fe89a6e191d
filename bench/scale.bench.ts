import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadEnv } from '../core/config/load-env.ts';
import { createLogger } from '../core/observability/logger.ts';
import { readClusterStatus } from '../db/use-cases/ops/read-cluster-status.ts';
import { createRuntime } from '../jobs/create-runtime.ts';
import type { Runtime } from '../jobs/runtime.ts';
import { WORKER_LIVE_SECONDS } from '../jobs/worker-registry.ts';
import { CLI, NODE, round, throwawayPostgres } from './porchlight-process.ts';
import { seedScaleBacklog } from './scale-seed.ts';
import { backendPids, completedJobs } from './scale-probes.ts';

/*
 * `npm run bench -- scale`: N `porchlight work` processes (1, 2, 4) drain the same backlog of `ghl.event` jobs on
 * PostgreSQL (and the re-scores and alerts they cause). Figures per N: events/s and jobs/s until every queue is
 * empty, CPU seconds per event in the worker processes and in PostgreSQL's backends serving them. On a machine
 * with fewer cores than processes no speed-up is expected: the CPU figures show where the time goes.
 */
const CONTACTS = Number(process.env.SCALE_CONTACTS ?? 2_000);
const EVENTS_PER_CONTACT = 10;
const WORKER_COUNTS = (process.env.SCALE_WORKERS ?? '1,2,4').split(',').map(Number);
const cores = availableParallelism();

const line = (figure: string, workers: number, value: number, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'scale', figure, workers, value, cores, ...extra }));

/** utime + stime of a process so far, in seconds (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return 0;
  const fields = readFileSync(stat, 'utf8').split(') ').pop()!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function drainWith(url: string, workers: number): Promise<void> {
  const db = await throwawayPostgres(url);
  const env = loadEnv({ DATABASE_URL: db.url, LOG_LEVEL: 'warn' });
  const rt: Runtime & { close(): Promise<void> } = await createRuntime({
    env,
    schedule: false,
    logger: createLogger({ level: 'warn' }),
  });
  const children: ChildProcess[] = [];
  try {
    const backlog = await seedScaleBacklog(rt, { contacts: CONTACTS, eventsPerContact: EVENTS_PER_CONTACT });
    children.push(
      ...Array.from({ length: workers }, () =>
        spawn(NODE, [CLI, 'work'], {
          env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATABASE_URL: db.url },
          stdio: ['ignore', 'ignore', 'pipe'],
        }),
      ),
    );
    let exited: string | undefined;
    for (const child of children) {
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => (exited ??= `a worker exited (${code}) mid-run: ${stderr.trim().slice(0, 300)}`));
    }
    const alive = () => {
      if (exited) throw new Error(exited);
    };
    const status = () => readClusterStatus(rt.db, { liveWithinSeconds: WORKER_LIVE_SECONDS });
    while ((await status()).workers.live < workers) {
      alive();
      await sleep(50);
    }
    // Measured from the moment every process is up: start-up is bench/startup.bench.ts's figure.
    const pids = children.map((c) => c.pid!);
    const cpuAtStart = pids.map(cpuSeconds);
    const ownBackends = new Set(await backendPids(rt.db));
    const started = performance.now();
    const doneAtStart = await completedJobs(rt.db);
    // PostgreSQL backends serving the workers: CPU when first seen and when last seen (a backend goes with its
    // connection, so it is read while it lives).
    const firstCpu = new Map<number, number>();
    const lastCpu = new Map<number, number>();
    for (;;) {
      alive();
      const s = await status();
      for (const pid of await backendPids(rt.db)) {
        if (ownBackends.has(pid)) continue;
        const cpu = cpuSeconds(pid);
        if (!firstCpu.has(pid)) firstCpu.set(pid, cpu);
        if (cpu > 0) lastCpu.set(pid, cpu);
      }
      if (s.queues.every((q) => q.created + q.retry + q.active === 0)) {
        const seconds = (performance.now() - started) / 1000;
        const jobs = (await completedJobs(rt.db)) - doneAtStart;
        const workerCpu = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpuAtStart[i], 0);
        const dbCpu = [...lastCpu].reduce((sum, [pid, cpu]) => sum + cpu - (firstCpu.get(pid) ?? 0), 0);
        const events = backlog.ghlEvents;
        line('ghl_events_per_second', workers, round(events / seconds, 1), { events, seconds: round(seconds, 1) });
        line('jobs_per_second', workers, round(jobs / seconds, 1), { jobs });
        line('worker_cpu_ms_per_event', workers, round((workerCpu / events) * 1000, 2), {
          cpuSeconds: round(workerCpu, 1),
        });
        line('postgres_cpu_ms_per_event', workers, round((dbCpu / events) * 1000, 2), { cpuSeconds: round(dbCpu, 1) });
        break;
      }
      await sleep(200);
    }
    const stopped = children.map((c) => new Promise((resolve) => c.once('exit', resolve)));
    exited = 'stopping';
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(stopped);
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rt.close();
    await db.drop();
  }
}

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(JSON.stringify({ bench: 'scale', skipped: 'needs PostgreSQL: set DATABASE_URL' }));
    return;
  }
  for (const workers of WORKER_COUNTS) await drainWith(url, workers);
}
