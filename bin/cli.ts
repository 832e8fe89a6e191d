import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.ts';
import { isAppError } from '../core/errors/app-error.ts';

/**
 * `porchlight <command>`. Errors are one readable line on stderr: exit 1 for failures,
 * exit 2 for bad usage.
 */
const program = new Command('porchlight')
  .description('Chat-first lead and property alerts for real-estate teams')
  .exitOverride()
  .configureOutput({ outputError: () => {} })
  .showHelpAfterError(false);

for (const register of COMMANDS) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) process.exit(0);
    process.stderr.write(`porchlight: ${error.message.replace(/^error:\s*/, '')} (see porchlight --help)\n`);
    process.exit(2);
  }
  const message = isAppError(error) ? error.message : ((error as Error)?.message ?? String(error));
  process.stderr.write(`porchlight: ${message}\n`);
  process.exit(1);
}
