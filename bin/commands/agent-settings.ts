import type { Command } from 'commander';
import { AppError } from '../../core/errors/app-error.ts';
import type { WorkingHours } from '../../core/alerts/working-hours.ts';
import type { DeliveryChannel } from '../../core/alerts/deliver-policy.ts';
import { parseVacation, type AgentSettingsChangeInput } from '../../core/settings/agent-settings.ts';
import type { Agent } from '../../db/queries/tenants.ts';
import { withRuntime } from '../with-runtime.ts';
import { asUsage } from './tenant-settings.ts';
import {
  commaList,
  deliveryChannels,
  id as agentId,
  orWord,
  timeZone,
  vacation,
  wholeNumber,
  workingHours,
} from '../parse-option.ts';

/** As the value parsers left them: `null` is `always` / `none` (cleared). */
interface AgentSetOptions {
  hours?: WorkingHours | null;
  timezone?: string;
  /** `from..to`, its shape checked; the dates are read in the agent's zone here. */
  vacation?: string | null;
  pause?: boolean;
  resume?: boolean;
  skills?: string[];
  languages?: string[];
  channels?: DeliveryChannel[];
  maxOpen?: number | null;
  json?: boolean;
}

const out = (text: string) => process.stdout.write(`${text}\n`);

const CHANGES: Array<keyof AgentSetOptions> = [
  'hours',
  'timezone',
  'vacation',
  'pause',
  'resume',
  'skills',
  'languages',
  'channels',
  'maxOpen',
];

/** Flags that cannot make a change are bad usage, said before the database opens. */
function checkFlags(opts: AgentSetOptions): void {
  if (opts.pause && opts.resume) throw new AppError('bad_usage', 'give --pause or --resume, not both');
  if (!CHANGES.some((key) => opts[key] !== undefined))
    throw new AppError('bad_usage', 'nothing to change (see porchlight agent set --help)');
}

/** The flags as one change; the zone for `--vacation` dates is the new one if given, else the agent's. */
function changeOf(opts: AgentSetOptions, agent: Agent): AgentSettingsChangeInput {
  const change: AgentSettingsChangeInput = {};
  if (opts.hours !== undefined) change.workingHours = opts.hours;
  if (opts.timezone !== undefined) change.timezone = opts.timezone;
  if (opts.vacation !== undefined)
    change.vacationUntil =
      opts.vacation === null ? null : parseVacation(opts.vacation, opts.timezone ?? agent.timezone).until;
  if (opts.pause) change.paused = true;
  if (opts.resume) change.paused = false;
  if (opts.skills !== undefined) change.skills = opts.skills;
  if (opts.languages !== undefined) change.languages = opts.languages;
  if (opts.channels !== undefined) change.channels = opts.channels;
  if (opts.maxOpen !== undefined) change.maxOpenAlerts = opts.maxOpen;
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
    .command('set')
    .description("Change an agent's hours, zone, vacation, pause, skills, languages, channels or cap")
    .argument('<id>', 'agent id', agentId)
    .option('--hours <hours>', '9-18 | mon-fri 09:00-18:00 | "mon-fri 9-18, sat 10-14" | always', workingHours)
    .option('--timezone <IANA>', 'time zone, e.g. America/Chicago', timeZone)
    .option('--vacation <from..to>', 'away from..to (dates in the agent zone, inclusive), or none', vacation)
    .option('--pause', 'take no new alerts until --resume')
    .option('--resume', 'take alerts again')
    .option('--skills <list>', 'comma-separated, e.g. luxury,condo', commaList())
    .option('--languages <list>', 'comma-separated, e.g. en,es', commaList())
    .option(
      '--channels <list>',
      'preferred alert channels in order: slack,discord,sms,email,terminal',
      deliveryChannels,
    )
    .option('--max-open <n>', 'most open alerts at once, or none', orWord(wholeNumber(), 'none'))
    .option('--json', 'print the agent after the change')
    .action(async (id: string, opts: AgentSetOptions) => {
      checkFlags(opts);
      const [{ agentById }, { updateAgent }] = await Promise.all([
        import('../../db/queries/settings.ts'),
        import('../../db/use-cases/agents/update-agent.ts'),
      ]);
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
    .command('key')
    .description("Issue the agent's own API key (shown once; replaces their previous key)")
    .argument('<id>', 'agent id', agentId)
    .option('--json', 'print {"apiKey"}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const [{ agentById }, { issueAgentKey }] = await Promise.all([
        import('../../db/queries/settings.ts'),
        import('../../db/use-cases/agents/issue-agent-key.ts'),
      ]);
      await run(async (rt) => {
        const row = await agentById(rt.db, id);
        if (!row) throw new AppError('not_found', `No agent with id ${id} (see porchlight agent list)`);
        const { apiKey } = await issueAgentKey(rt, { tenantId: row.tenantId, agentId: row.id, actor: { kind: 'cli' } });
        out(opts.json ? JSON.stringify({ apiKey }) : `API key for ${row.name}: ${apiKey}  (shown once; keep it safe)`);
      });
    });
}
