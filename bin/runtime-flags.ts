/**
 * V8 flags that suit what a `porchlight` process is about to do. Node takes them only on its command line, so
 * the process replaces itself once with the same command plus the flags (`process.execve`: same pid, no wrapper
 * process) before any command code loads. A flag you give yourself, on the command line or in NODE_OPTIONS,
 * wins (`node --no-liftoff-only bin/porchlight.js start`); where `process.execve` is missing nothing changes.
 */
export function restartWithRuntimeFlags(argv: readonly string[] = process.argv): void {
  if (typeof process.execve !== 'function') return;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const flags = runtimeFlags(argv.slice(2), process.env).filter(
    (flag) => !given.some((g) => g.includes(flagName(flag))),
  );
  if (!flags.length) return;
  try {
    process.execve(process.execPath, [process.execPath, ...flags, ...process.execArgv, ...argv.slice(1)]);
  } catch {
    // Not replaced: run as we are, only slower and larger.
  }
}

const SERVICES = new Set(['start', 'serve', 'work']);

/**
 * - `--liftoff-only` when the command may open the embedded database (PGlite: PostgreSQL compiled to
 *   WebAssembly). V8's optimizing compiler recompiles PostgreSQL's hot functions on background threads: about
 *   two seconds of CPU for a CLI command, a second more before `start` answers, 60–80 MB more at rest and peaks
 *   of several hundred MB (enough to get a container killed). Liftoff's baseline code starts fast and keeps
 *   memory flat; one team's queries run fine on it (heavy scans take up to twice as long, and PostgreSQL is
 *   the answer for heavy load).
 * - `--max-semi-space-size=4` for the services (`start`, `serve`, `work`): loading our modules makes enough
 *   garbage to grow V8's young generation to its largest (two 16 MB semi-spaces), and the heap stays that size
 *   at rest. With 4 MB semi-spaces a service idles about 60 MB smaller (bench/memory.bench.ts), for more
 *   frequent, shorter scavenges; a CLI command is too short-lived to care.
 */
export function runtimeFlags(args: readonly string[], env: { DATABASE_URL?: string }): string[] {
  const command = args.find((arg) => !arg.startsWith('-'));
  if (!command || command === 'help' || args.some((arg) => HELP_OR_VERSION.has(arg))) return [];
  return [
    ...(env.DATABASE_URL ? [] : ['--liftoff-only']),
    ...(SERVICES.has(command) ? ['--max-semi-space-size=4'] : []),
  ];
}

const HELP_OR_VERSION = new Set(['-h', '--help', '-V', '--version']);

/** `liftoff`, `semi-space`: what a user's own flag about the same thing contains. */
const flagName = (flag: string) => (flag.includes('liftoff') ? 'liftoff' : 'semi-space');
