import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { freePort } from './private-postgres.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const WORKERD = join(ROOT, 'node_modules', '.bin', 'workerd');

/** Nothing leaves the machine: no usage reports, no `Request.cf` download, wrangler's logs inside the checkout. */
const OFFLINE = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_LOG_PATH: join(ROOT, '.wrangler', 'logs'),
  // wrangler's own settings (usage-report consent, login) from inside the checkout, not the user's home.
  XDG_CONFIG_HOME: join(ROOT, '.wrangler', 'config'),
  NO_COLOR: '1',
};

/** Why workerd cannot run on this machine, or undefined when it can (`workerd --version` answers). */
export function workerdProblem(): string | undefined {
  const probe = spawnSync(WORKERD, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error) return `workerd did not start: ${probe.error.message}`;
  if (probe.status !== 0)
    return `workerd --version exited ${probe.status}: ${(probe.stderr || '').trim().slice(0, 300)}`;
  return undefined;
}

export interface WranglerDev {
  url: string;
  /** CPU milliseconds (user + system) used so far by wrangler and the workerd it runs (Linux /proc; else null). */
  cpuMs(): number | null;
  /** What wrangler and the Worker printed so far (for a failure message). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on the repository's wrangler.toml, local mode (workerd on loopback, no Cloudflare account),
 * with Hyperdrive pointed at `databaseUrl` and `vars` as Worker variables; resolved once /healthz answers.
 * Hyperdrive's local mode wants a password in the URL (PostgreSQL's trust auth ignores it).
 * @example const dev = await startWranglerDev({ databaseUrl, vars }); await fetch(`${dev.url}/healthz`)
 */
export async function startWranglerDev(options: {
  databaseUrl: string;
  vars: Record<string, string>;
  timeoutMs?: number;
}): Promise<WranglerDev> {
  const port = await freePort();
  const url = new URL(options.databaseUrl);
  if (!url.password) url.password = 'local';
  const args = [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0'];
  args.push('--show-interactive-dev-session=false', '--log-level', 'warn');
  for (const [name, value] of Object.entries(options.vars)) args.push('--var', `${name}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...OFFLINE,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: url.toString(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Its own process group (so workerd goes with it), which also means it outlives us unless told: if this process
  // ends before `stop()` (a test worker torn down, a bench that threw), the group is ended with it.
  const endGroup = () => child.pid !== undefined && child.exitCode === null && killGroup(child.pid, 'SIGKILL');
  process.once('exit', endGroup);
  child.once('exit', () => process.off('exit', endGroup));
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const dev: WranglerDev = {
    url: base,
    cpuMs: () => (child.pid === undefined ? null : groupCpuMs(child.pid)),
    output: () => output,
    stop: () => stopGroup(child),
  };
  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${output.slice(-2000)}`);
    const ok = await fetch(`${base}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return dev;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await dev.stop();
  throw new Error(`wrangler dev did not answer /healthz in time:\n${output.slice(-2000)}`);
}

/** The CPU time of every live process in process group `pgid`, from /proc (clock ticks at 100 Hz). */
function groupCpuMs(pgid: number): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command (which may hold spaces) start after its closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks * 10;
}

/** wrangler starts workerd as its own child: the whole process group goes. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * The files `wrangler deploy` would bundle into the Worker, from a dry run's esbuild metafile (nothing is
 * uploaded, no account is needed), as paths relative to the repository.
 */
export async function workerBundleInputs(): Promise<string[]> {
  const outdir = join(ROOT, '.wrangler', 'bundle-check');
  rmSync(outdir, { recursive: true, force: true });
  const metafile = join(outdir, 'meta.json');
  await promisify(execFile)(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir, '--metafile', metafile],
    { cwd: ROOT, env: { ...process.env, ...OFFLINE }, timeout: 120_000 },
  );
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { inputs: Record<string, unknown> };
  return Object.keys(meta.inputs);
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}
