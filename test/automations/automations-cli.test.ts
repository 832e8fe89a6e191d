import { automationsCli } from './automations-cli.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { CHECK_IN, startRun, WELCOME } from './surface-rules.ts';

const dir = mkdtempSync(join(tmpdir(), 'porchlight-automations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const file = (name: string, body: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body, null, 2));
  return path;
};

describe('porchlight automations', () => {
  it('set adds or updates the file’s rules by id: a second file bumps only the rule it changed', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-12-02T15:00:00Z') });
    const { tenant } = await makeTenant(rt);
    const t = ['--tenant', tenant.id];

    expect(await automationsCli(rt, 'set', file('both.json', { rules: [WELCOME, CHECK_IN] }), ...t)).toBe(
      `added ${WELCOME.id} (version 1)\nadded ${CHECK_IN.id} (version 1)\n`,
    );
    const edited = { ...CHECK_IN, then: [...CHECK_IN.then.slice(0, 1), { do: 'wait', days: 5 }, CHECK_IN.then[2]] };
    expect(await automationsCli(rt, 'set', file('one.json', [edited]), ...t)).toBe(
      `updated ${CHECK_IN.id} (version 2)\n`,
    );
    expect(await automationsCli(rt, 'set', file('again.json', [edited]), ...t)).toBe(
      `unchanged ${CHECK_IN.id} (version 2)\n`,
    );

    const listed = JSON.parse(await automationsCli(rt, 'list', ...t, '--json'));
    expect(listed.state.map((s: { ruleId: string; version: number }) => [s.ruleId, s.version])).toEqual([
      [CHECK_IN.id, 2],
      [WELCOME.id, 1],
    ]);
    expect(listed.rules.find((r: { id: string }) => r.id === CHECK_IN.id).then[1]).toEqual({ do: 'wait', days: 5 });
    const table = await automationsCli(rt, 'list', ...t);
    expect(table).toMatch(new RegExp(`${WELCOME.id}\\s+on\\s+v1\\s+lead_created\\s+1 step\\s+0\\s+Welcome text`));
    // What list --json printed is a file set takes back as it is.
    expect(await automationsCli(rt, 'set', file('round-trip.json', listed), ...t)).toBe(
      `unchanged ${CHECK_IN.id} (version 2)\nunchanged ${WELCOME.id} (version 1)\n`,
    );
  });

  it('refuses an unknown template variable as bad usage in one line naming it; nothing is saved', async () => {
    const rt = await createTestRuntime();
    const { tenant } = await makeTenant(rt);
    const typo = { ...WELCOME, then: [{ do: 'text_lead', template: 'Hi {{lead.favoriteColor}}' }] };
    const error = await automationsCli(rt, 'set', file('typo.json', [CHECK_IN, typo]), '--tenant', tenant.id).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe('bad_usage');
    expect(error?.message).toBe(
      `invalid automation rules: ${WELCOME.id}: then[0].template: unknown template variable {{lead.favoriteColor}}`,
    );
    expect(JSON.parse(await automationsCli(rt, 'list', '--tenant', tenant.id, '--json')).rules).toEqual([]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[{"id": "new-lead-welcome",');
    await expect(automationsCli(rt, 'set', broken, '--tenant', tenant.id)).rejects.toMatchObject({
      code: 'bad_usage',
      message: expect.stringContaining(`${broken} is not JSON`),
    });
  });

  it('disable switches a rule off and takes its leads out; show counts its runs; enable brings it back', async () => {
    const rt = await createTestRuntime({ clock: fixedClock('2026-12-02T15:00:00Z') });
    const { tenant } = await makeTenant(rt);
    const t = ['--tenant', tenant.id];
    await automationsCli(rt, 'set', file('check-in.json', [CHECK_IN]), ...t);
    const lead = await makeLead(rt, tenant.id);
    await startRun(rt, { tenantId: tenant.id, ruleId: CHECK_IN.id, leadId: lead.id });
    await startRun(rt, { tenantId: tenant.id, ruleId: CHECK_IN.id, leadId: lead.id, status: 'completed' });

    expect(await automationsCli(rt, 'disable', CHECK_IN.id, ...t)).toBe(
      `${CHECK_IN.id} off (version 2): 1 active run(s) cancelled\n`,
    );
    expect(await automationsCli(rt, 'disable', CHECK_IN.id, ...t)).toBe(
      `${CHECK_IN.id} off (version 2): it already was\n`,
    );
    const shown = JSON.parse(await automationsCli(rt, 'show', CHECK_IN.id, ...t, '--json'));
    expect(shown).toMatchObject({ version: 2, enabled: false, runs: { cancelled: 1, completed: 1 } });
    expect(shown.rule).toMatchObject({ id: CHECK_IN.id, name: CHECK_IN.name, enabled: false });
    expect(JSON.parse(await automationsCli(rt, 'enable', CHECK_IN.id, ...t, '--json'))).toEqual({
      ruleId: CHECK_IN.id,
      name: CHECK_IN.name,
      version: 3,
      enabled: true,
      changed: true,
      cancelledRuns: 0,
    });
    expect(await automationsCli(rt, 'show', CHECK_IN.id, ...t)).toContain(
      'version 3, on, saved 2026-12-02T15:00:00.000Z',
    );

    await expect(automationsCli(rt, 'show', 'no-such-rule', ...t)).rejects.toMatchObject({
      code: 'not_found',
      message: 'No automation rule no-such-rule in this team (see porchlight automations list)',
    });
    await expect(automationsCli(rt, 'list', '--tenant', 'no-such-team')).rejects.toMatchObject({ code: 'not_found' });
  });
});
