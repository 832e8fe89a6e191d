import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { runCommand } from '../../bots/commands/run-command.ts';
import { getTenant } from '../../db/queries/tenants.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { createTeam } from '../alerts-db/team.ts';

describe('/porchlight settings in chat (same words on Slack, Discord and the terminal)', () => {
  it('a manager sees the settings that matter and changes one; an agent is told it is for managers', async () => {
    const rt = await createTestRuntime();
    const team = await createTeam(rt, { ana: {}, mia: { role: 'manager' } });
    const say = async (who: 'ana' | 'mia', line: string) => {
      const parsed = parseCommand(line);
      if (!parsed.ok) throw new Error(parsed.problem);
      const tenant = (await getTenant(rt.db, team.tenant.id))!;
      const reply = await runCommand(
        { runtime: rt, tenant, actor: team.agents[who], platform: 'terminal' },
        parsed.command,
      );
      return reply.sections.join('\n');
    };
    expect(await say('mia', '/porchlight settings')).toContain('`delivery.perHour`: `10`');
    expect(await say('mia', '/porchlight settings set delivery.perHour 4')).toBe('`delivery.perHour`: `10` → `4`');
    expect(await say('mia', '/porchlight settings set delivery.perHuor 4')).toContain(
      'did you mean "delivery.perHour"',
    );
    expect(await say('ana', '/porchlight settings set delivery.perHour 50')).toBe(
      'Team settings are for managers and admins.',
    );
    expect((await getTenant(rt.db, team.tenant.id))!.settings.delivery.perHour).toBe(4);
    expect(await say('ana', '/hours 9-17')).toContain('mon 09:00–17:00');
  }, 60_000);
});
