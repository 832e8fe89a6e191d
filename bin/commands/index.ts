import type { Command } from 'commander';
import { registerRunCommands } from './run.ts';
import { registerMigrateCommand } from './migrate.ts';
import { registerDlqCommands } from './dlq.ts';
import { registerTenantCommands } from './tenant.ts';
import { registerAgentCommands } from './agent.ts';
import { registerRulesCommands } from './rules.ts';
import { registerAutomationsCommands } from './automations.ts';
import { registerModelCommands } from './model.ts';
import { registerSyncGhlCommand } from './sync-ghl.ts';
import { registerQuarantineCommands } from './quarantine.ts';
import { registerDemoCommand } from './demo.ts';
import { registerChatCommand } from './chat.ts';
import { registerDiscordCommands } from './discord.ts';
import { registerSlackCommands } from './slack.ts';
import { registerLinkCommands } from './link.ts';
import { registerImportListingsCommand } from './import-listings.ts';
import { registerDoctorCommand } from './doctor.ts';
import { registerConnectCommands } from './connect.ts';
import { registerSecretsCommands } from './secrets.ts';
import { registerBackupCommands } from './backup.ts';
import { registerLeadCommands } from './lead.ts';
import { registerExportCommand } from './export.ts';
import { registerDeliveriesCommands } from './deliveries.ts';
import { registerStatusCommand } from './status.ts';

/** One line per command group. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerRunCommands,
  registerMigrateCommand,
  registerDlqCommands,
  registerTenantCommands,
  registerAgentCommands,
  registerRulesCommands,
  registerAutomationsCommands,
  registerModelCommands,
  registerSyncGhlCommand,
  registerQuarantineCommands,
  registerDemoCommand,
  registerChatCommand,
  registerDiscordCommands,
  registerSlackCommands,
  registerLinkCommands,
  registerImportListingsCommand,
  registerDoctorCommand,
  registerConnectCommands,
  registerSecretsCommands,
  registerBackupCommands,
  registerLeadCommands,
  registerExportCommand,
  registerDeliveriesCommands,
  registerStatusCommand,
];
