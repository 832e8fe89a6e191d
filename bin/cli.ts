import { CommanderError } from 'commander';
import { loadDotEnv } from './load-dot-env.ts';
import { restartWithRuntimeFlags } from './runtime-flags.ts';
import { isAppError } from '../core/errors/app-error.ts';

/** One readable line on stderr, never a stack trace: exit 2 for bad usage (AppError 'bad_usage'), else 1. */
function fail(error: unknown): never {
  const text = isAppError(error) ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`porchlight: ${text.trim().replace(/\s*\n\s*/g, ' ') || 'failed'}\n`);
  process.exit(isAppError(error) && error.code === 'bad_usage' ? 2 : 1);
}

/**
 * `porchlight <command>`. Errors are one readable line on stderr: exit 1 for failures,
 * exit 2 for bad usage (commander's parse errors, turned into AppError 'bad_usage' by program.ts).
 */
async function main(argv: string[]): Promise<void> {
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`porchlight: cannot read .env: ${(error as Error).message}\n`);
    process.exit(2);
  }
  // Before the commands load: this process may be replaced by one with V8 flags that suit the command.
  restartWithRuntimeFlags(argv);
  const { createProgram } = await import('./program.ts');
  // A failure outside the command's own promise (a stray socket error) still ends as one line.
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version; any other commander error is already a bad_usage AppError.
      if (error.exitCode === 0) process.exit(0);
      process.stderr.write(`porchlight: ${error.message.replace(/^error:\s*/, '')} (see porchlight --help)\n`);
      process.exit(2);
    }
    fail(error);
  }
}

await main(process.argv);
