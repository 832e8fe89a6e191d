import { readFileSync } from 'node:fs';
import { Command } from 'commander';
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
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showHelpAfterError(false);
  for (const register of COMMANDS) register(program);
  // Subcommands inherit neither exitOverride nor the silent error output: apply both everywhere.
  const walk = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ outputError: () => {} });
      walk(sub);
    }
  };
  walk(program);
  return program;
}
