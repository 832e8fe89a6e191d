#!/usr/bin/env node
// Node runs the TypeScript sources itself: type stripping is on by default from Node 22.18 / 23.6, and
// tsconfig's erasableSyntaxOnly keeps every source strippable. Plain JS, so it runs before any .ts loads.
import { spawn } from 'node:child_process';
import module from 'node:module';

const RESPAWNED = 'PORCHLIGHT_STRIP_TYPES_RESPAWN';

if (process.features.typescript) {
  // V8's compiled code cached on disk (Node's module compile cache): later runs skip most of the parsing.
  module.enableCompileCache?.();
  const { cachePackageResolution } = await import('./package-resolution-cache.ts');
  cachePackageResolution();
  await import('./cli.ts');
} else {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12) || process.env[RESPAWNED]) {
    process.stderr.write(
      `porchlight: needs Node 22.12 or newer with TypeScript type stripping (this is ${process.version})\n`,
    );
    process.exit(1);
  }
  // Node 22.12–22.17 and 23.0–23.5 strip types behind a flag: run the same command again with it.
  const args = [
    '--experimental-strip-types',
    '--disable-warning=ExperimentalWarning',
    ...process.execArgv,
    ...process.argv.slice(1),
  ];
  const env = { ...process.env, [RESPAWNED]: '1' };
  // Replaced in place where Node can (same pid, nothing in between); otherwise a child with signals passed on.
  if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...args], env);
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  // A service manager's SIGTERM reaches this process only: pass it on. Ctrl-C already reaches the child
  // (the whole foreground group gets it), and a second SIGINT would make it skip its graceful stop.
  const relay = (signal) => child.kill(signal);
  process.on('SIGINT', () => {});
  process.on('SIGTERM', relay);
  process.on('SIGHUP', relay);
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}
