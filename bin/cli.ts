import { CommanderError } from 'commander';
import { createProgram } from './program.ts';
import { loadDotEnv } from './env.ts';
import { isAppError } from '../core/errors/app-error.ts';

/**
 * `porchlight <command>`. Errors are one readable line on stderr: exit 1 for failures,
 * exit 2 for bad usage (commander's parse errors and AppError 'bad_usage').
 */
async function main(argv: string[]): Promise<void> {
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`porchlight: cannot read .env: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0);
      process.stderr.write(`porchlight: ${error.message.replace(/^error:\s*/, '')} (see porchlight --help)\n`);
      process.exit(2);
    }
    const message = isAppError(error) ? error.message : ((error as Error)?.message ?? String(error));
    process.stderr.write(`porchlight: ${message}\n`);
    process.exit(isAppError(error) && error.code === 'bad_usage' ? 2 : 1);
  }
}

await main(process.argv);
