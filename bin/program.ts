import { readFileSync } from 'node:fs';
import { Command, type CommanderError } from 'commander';
import { AppError } from '../core/errors/app-error.ts';
import { COMMANDS } from './commands/index.ts';

/**
 * The `porchlight` program with every command registered; bin/cli.ts runs it, tests read its command list.
 * Every (sub)command throws instead of exiting and prints no error of its own: cli.ts prints one line.
 */
export function createProgram(): Command {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const program = new Command('porchlight')
    .description('Chat-first lead and property alerts for real-estate teams')
    .version(version, '-V, --version', 'print the version')
    // Program options only before the command: `model activate --version 3` is the model's, not ours.
    .enablePositionalOptions()
    .showHelpAfterError(false);
  for (const register of COMMANDS) register(program);
  // Applied to every command (subcommands do not inherit settings made after they were created).
  const walk = (command: Command) => {
    command.exitOverride(asUsageError(command)).configureOutput(SILENT_ERRORS);
    for (const sub of command.commands) walk(sub);
  };
  walk(program);
  return program;
}

/** Help asked for goes to stdout; commander's own error text and error-help are replaced by one line. */
const SILENT_ERRORS = { outputError: () => {}, writeErr: () => {} };

/** `porchlight tenant set` */
export const commandPath = (command: Command): string =>
  command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();

/**
 * Commander's parse errors become AppError 'bad_usage' (exit 2) naming the command whose help explains it;
 * `--help` and `--version` (exit code 0) pass through. A group run without its subcommand gets one line
 * listing them instead of the help text on stderr.
 */
function asUsageError(command: Command): (error: CommanderError) => never {
  return (error) => {
    if (error.exitCode === 0) throw error;
    const path = commandPath(command);
    if (error.code === 'commander.help')
      throw new AppError(
        'bad_usage',
        `missing command: ${command.commands.map((c) => c.name()).join(', ')} (see ${path} --help)`,
      );
    const message = error.message.replace(/^error:\s*/, '');
    throw new AppError('bad_usage', `${message} (see ${path} --help)`, { commanderCode: error.code });
  };
}
