import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import { parseHours, parseVacation, type AgentSettingsChangeInput } from '../../core/settings/agent-settings.ts';
import { agentById } from '../../db/queries/settings.ts';
import type { Agent } from '../../db/queries/tenants.ts';
import { issueAgentKey } from '../../db/use-cases/agents/issue-agent-key.ts';
import { updateAgent } from '../../db/use-cases/agents/update-agent.ts';
import { withRuntime } from '../with-runtime.ts';
import { asUsage } from './tenant-settings.ts';

interface AgentSetOptions {
  hours?: string;
  timezone?: string;
  vacation?: string;
  pause?: boolean;
  resume?: boolean;
  skills?: string;
  languages?: string;
  channels?: string;
  maxOpen?: string;
  json?: boolean;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const out = (text: string) => process.stdout.write(`${text}\n`);

/** The flags as one change; the zone for `--vacation` dates is the new one if given, else the agent's. */
function changeOf(opts: AgentSetOptions, agent: Agent): AgentSettingsChangeInput {
  if (opts.pause && opts.resume) throw new AppError('bad_usage', 'give --pause or --resume, not both');
  const change: AgentSettingsChangeInput = {};
  if (opts.hours !== undefined) change.workingHours = opts.hours === 'always' ? null : parseHours(opts.hours);
  if (opts.timezone !== undefined) change.timezone = opts.timezone;
  if (opts.vacation !== undefined)
    change.vacationUntil =
      opts.vacation === 'none' ? null : parseVacation(opts.vacation, opts.timezone ?? agent.timezone).until;
  if (opts.pause) change.paused = true;
  if (opts.resume) change.paused = false;
  if (opts.skills !== undefined) change.skills = list(opts.skills);
  if (opts.languages !== undefined) change.languages = list(opts.languages);
  if (opts.channels !== undefined) change.channels = list(opts.channels) as AgentSettingsChangeInput['channels'];
  if (opts.maxOpen !== undefined) {
    const n = opts.maxOpen === 'none' ? null : Number(opts.maxOpen);
    if (n !== null && !(Number.isInteger(n) && n >= 0))
      throw new AppError('bad_usage', `--max-open must be a whole number or none, got ${opts.maxOpen}`);
    change.maxOpenAlerts = n;
  }
  if (!Object.keys(change).length)
    throw new AppError('bad_usage', 'nothing to change (see porchlight agent set --help)');
  return change;
}

const view = (a: Agent) => ({
  id: a.id,
  name: a.name,
  role: a.role,
  timezone: a.timezone,
  workingHours: a.workingHours ?? null,
  paused: a.paused,
  vacationUntil: a.vacationUntil?.toISOString() ?? null,
  skills: a.skills,
  languages: a.languages,
  channels: a.channels,
  maxOpenAlerts: a.maxOpenAlerts,
});

/** `agent set` and `agent key`, under the `agent` group; `run` opens the runtime (a test passes its own). */
export function registerAgentSettingsCommands(agent: Command, run: typeof withRuntime = withRuntime): void {
  agent
    .command('set <id>')
    .description("Change an agent's hours, zone, vacation, pause, skills, languages, channels or cap")
    .option('--hours <hours>', '9-18 | mon-fri 09:00-18:00 | "mon-fri 9-18, sat 10-14" | always')
    .option('--timezone <IANA>', 'time zone, e.g. America/Chicago')
    .option('--vacation <from..to>', 'away from..to (dates in the agent zone, inclusive), or none')
    .option('--pause', 'take no new alerts until --resume')
    .option('--resume', 'take alerts again')
    .option('--skills <list>', 'comma-separated, e.g. luxury,condo')
    .option('--languages <list>', 'comma-separated, e.g. en,es')
    .option('--channels <list>', 'preferred alert channels in order: slack,discord,sms,email,terminal')
    .option('--max-open <n>', 'most open alerts at once, or none')
    .option('--json', 'print the agent after the change')
    .action(async (id: string, opts: AgentSetOptions) => {
      await run(async (rt) => {
        const row = await agentById(rt.db, id);
        if (!row) throw new AppError('not_found', `No agent with id ${id} (see porchlight agent list)`);
        const change = await asUsage(async () => changeOf(opts, row));
        const a = await asUsage(() =>
          updateAgent(rt, { tenantId: row.tenantId, agentId: row.id, actor: { kind: 'cli' }, change }),
        );
        if (opts.json) return out(JSON.stringify(view(a)));
        out(`agent ${a.name} updated`);
        if (a.vacationUntil) out(`  away until ${a.vacationUntil.toISOString()}`);
        if (a.paused) out('  paused: takes no new alerts');
      });
    });

  agent
    .command('key <id>')
    .description("Issue the agent's own API key (shown once; replaces their previous key)")
    .option('--json', 'print {"apiKey"}')
    .action(async (id: string, opts: { json?: boolean }) => {
      await run(async (rt) => {
        const row = await agentById(rt.db, id);
        if (!row) throw new AppError('not_found', `No agent with id ${id} (see porchlight agent list)`);
        const { apiKey } = await issueAgentKey(rt, { tenantId: row.tenantId, agentId: row.id, actor: { kind: 'cli' } });
        out(opts.json ? JSON.stringify({ apiKey }) : `API key for ${row.name}: ${apiKey}  (shown once; keep it safe)`);
      });
    });
}
