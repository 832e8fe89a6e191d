import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/*
 * `porchlight` as users run it, for the start-up and memory benchmarks: a real child process of the
 * project's Node (node_modules/node), in an empty folder, with a clean environment (no developer .env,
 * no DATABASE_URL unless given). BENCH_PORCHLIGHT_ROOT points at another checkout (an older commit) so
 * before/after figures come from the same run on the same machine.
 */
const ROOT = process.env.BENCH_PORCHLIGHT_ROOT ?? join(import.meta.dirname, '..');
const PROJECT_NODE = join(import.meta.dirname, '..', 'node_modules/node/bin/node');
export const NODE = existsSync(PROJECT_NODE) ? PROJECT_NODE : process.execPath;
export const CLI = join(ROOT, 'bin/porchlight.js');
export const checkout = ROOT === join(import.meta.dirname, '..') ? 'this' : ROOT;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const round = (n: number, digits = 0) => Number(n.toFixed(digits));

const cleanEnv = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? tmpdir(),
  LOG_LEVEL: 'warn',
  ...extra,
});

/** An empty folder; `remove()` deletes it and what the run left there. */
export function scratchFolder(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `porchlight-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What one run cost: wall-clock milliseconds, and the CPU the process used (user + system) when known. */
export interface RunCost {
  ms: number;
  cpuMs: number | null;
}

/**
 * Runs `node <args>` to its end. The CPU it used comes from a probe module (NODE_OPTIONS=--import) that writes
 * `process.cpuUsage()` at exit; CPU time survives `execve`, and it says more than wall time on a busy machine.
 * A non-zero exit fails the benchmark.
 */
export function timeNode(args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
  const probe = cpuProbe();
  const cpuFile = join(probe.dir, `cpu-${randomBytes(6).toString('hex')}`);
  const env = cleanEnv({ ...options.env, NODE_OPTIONS: `--import=${probe.url}`, BENCH_CPU_FILE: cpuFile });
  return new Promise<RunCost>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(NODE, args, { cwd: options.cwd, env, stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${firstLines(stderr)}`));
      const cpu = existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : Number.NaN;
      resolve({ ms, cpuMs: Number.isFinite(cpu) ? cpu : null });
    });
  });
}

/** The lines of a child's stderr that say what went wrong (Node's own stack frames and banners left out). */
const firstLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() && !/^\s+at |^Node\.js v|^\s*\^+\s*$/.test(l))
    .slice(0, 4)
    .join(' | ')
    .slice(0, 500);

let probe: { dir: string; url: string } | undefined;
function cpuProbe(): { dir: string; url: string } {
  if (probe) return probe;
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-cpu-'));
  const file = join(dir, 'cpu-probe.mjs');
  writeFileSync(
    file,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => { const { user, system } = process.cpuUsage(); " +
      'writeFileSync(process.env.BENCH_CPU_FILE, String((user + system) / 1000)); });\n',
  );
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  probe = { dir, url: pathToFileURL(file).href };
  return probe;
}

/** `porchlight <args>` to its end. */
export const timePorchlight = (args: readonly string[], options: { cwd: string; env?: Record<string, string> }) =>
  timeNode([CLI, ...args], options);

export interface Medians {
  median: number;
  cpuMedian: number | null;
  runs: number[];
}

/** One warm-up (Node's compile cache, the OS file cache), then `runs` timed runs; their medians. */
export async function medianOf(runs: number, once: () => Promise<RunCost>): Promise<Medians> {
  await once();
  const costs: RunCost[] = [];
  for (let i = 0; i < runs; i++) costs.push(await once());
  const cpu = costs.map((c) => c.cpuMs).filter((c): c is number => c !== null);
  return {
    median: median(costs.map((c) => c.ms)),
    cpuMedian: cpu.length === costs.length ? median(cpu) : null,
    runs: costs.map((c) => round(c.ms)),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningPorchlight {
  pid: number;
  port: number;
  /** Spawn to the first 200 from GET /healthz. */
  healthyMs: number;
  /** CPU (user + system) the process had used by then (Linux /proc; null elsewhere). */
  healthyCpuMs: number | null;
  /** Resident memory now and at its highest (Linux /proc; elsewhere `ps`, with no peak). */
  memory(): { rssMb: number; peakRssMb: number | null };
  stop(): Promise<void>;
}

/**
 * `porchlight start` (or `serve`: HTTP without workers) on a free port, resolved once /healthz answers 200
 * (within `timeoutMs`).
 */
export async function startPorchlight(options: {
  cwd: string;
  env: Record<string, string>;
  command?: 'start' | 'serve';
  timeoutMs?: number;
}): Promise<RunningPorchlight> {
  const port = await freePort();
  const started = performance.now();
  const command = options.command ?? 'start';
  const child = spawn(NODE, [CLI, command], {
    cwd: options.cwd,
    env: cleanEnv({ HOST: '127.0.0.1', PORT: String(port), ...options.env }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = started + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (done) throw new Error(`porchlight ${command} exited before it was healthy: ${firstLines(stderr)}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`porchlight ${command} was not healthy in time`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const healthyMs = performance.now() - started;
  const pid = child.pid!;
  return {
    pid,
    port,
    healthyMs,
    healthyCpuMs: cpuOf(pid),
    memory: () => memoryOf(pid),
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** utime + stime from /proc/<pid>/stat, in ms (clock ticks of 1/100 s, as on every common Linux). */
export function cpuOf(pid: number): number | null {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return null;
  const fields = readFileSync(stat, 'utf8').split(') ').pop()!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** RSS of a process, in MB: VmRSS and VmHWM (the peak) from /proc on Linux, `ps` elsewhere. */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number | null } {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const text = readFileSync(status, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rssMb: round(kb('VmRSS') / 1024, 1), peakRssMb: round(kb('VmHWM') / 1024, 1) };
  }
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return { rssMb: round(kb / 1024, 1), peakRssMb: null };
}

/** A fresh database on the DATABASE_URL server, dropped by `drop()`. */
export async function throwawayPostgres(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `porchlight_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
