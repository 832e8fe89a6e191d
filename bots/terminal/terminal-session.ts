import { agentWithTenantByEmail, firstTeamLead } from '../../db/queries/agents/terminal-actor.ts';
import type { Agent, Tenant } from '../../db/queries/tenants.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { parseCommand } from '../commands/parse-command.ts';
import { readLocalAttachment } from './local-attachment.ts';
import { runCommand } from '../commands/run-command.ts';
import { renderTerminal } from '../render/render-terminal.ts';
import { terminalState } from './terminal-output.ts';
import { listedAlertIds, withListRows } from './list-rows.ts';

export interface TerminalIdentity {
  tenant: Tenant;
  actor: Agent;
}

/**
 * Who the terminal acts as: the agent with `--as <email>`, else the first manager (or admin, or
 * agent) of the oldest team. Undefined while there is no team yet.
 */
export async function terminalIdentity(runtime: Runtime, asEmail?: string): Promise<TerminalIdentity | undefined> {
  if (asEmail) {
    const found = await agentWithTenantByEmail(runtime.db, asEmail);
    if (!found) throw new AppError('not_found', `No agent with email ${asEmail}`);
    return { tenant: found.tenant, actor: found.agent };
  }
  const lead = await firstTeamLead(runtime.db);
  return lead?.agent ? { tenant: lead.tenant, actor: lead.agent } : undefined;
}

/**
 * One typed line → the text to print. A bare number picks that choice of the last alert shown
 * (`1` = Claim), so buttons and typed commands take the same path.
 */
export async function handleTerminalLine(runtime: Runtime, line: string, asEmail?: string): Promise<string> {
  const trimmed = line.trim();
  if (!trimmed) return '';
  let text = trimmed;
  if (/^\d{1,2}$/.test(trimmed)) {
    const choice = terminalState(runtime).lastChoices.find((c) => c.number === Number(trimmed));
    if (!choice)
      return `No choice ${trimmed} on the last alert. Type a command like \`claim <alert>\`, or /porchlight help.`;
    text = choice.command;
  }
  const parsed = parseCommand(text);
  if (!parsed.ok) return renderTerminal(parsed.reply);
  const who = await terminalIdentity(runtime, asEmail);
  if (!who)
    return (
      'No team yet. Run `npm run porchlight -- demo` in another terminal to seed a demo team, ' +
      'or add one with `porchlight tenant add`.'
    );
  const state = terminalState(runtime);
  const command = withListRows(parsed.command, state.lastListedAlerts);
  if (typeof command === 'string') return command;
  const reply = await runCommand(
    { runtime, tenant: who.tenant, actor: who.actor, platform: 'terminal', readAttachment: readLocalAttachment },
    command,
  );
  if (command.name === 'alerts') state.lastListedAlerts = listedAlertIds(reply);
  return renderTerminal(reply);
}
