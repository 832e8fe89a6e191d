import type { Command } from 'commander';
import { registerRunCommands } from './run.ts';
import { registerMigrateCommand } from './migrate.ts';
import { registerDlqCommands } from './dlq.ts';
import { registerTenantCommands } from './tenant.ts';
import { registerAgentCommands } from './agent.ts';

/** One line per command group. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerRunCommands,
  registerMigrateCommand,
  registerDlqCommands,
  registerTenantCommands,
  registerAgentCommands,
];
