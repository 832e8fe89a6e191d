import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerModelCommands } from '../../bin/commands/model.ts';
import { DEFAULT_MODEL } from '../../core/scoring/default-model.ts';
import { getActiveModel, insertModel, listModels } from '../../db/queries/scoring-models.ts';
import { activateScoringModel } from '../../db/use-cases/leads/activate-scoring-model.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime } from '../helpers/runtime.ts';

async function modelCli(rt: Runtime, args: string[]): Promise<string> {
  let out = '';
  const program = new Command('porchlight').exitOverride();
  registerModelCommands(program, { withRuntime: (fn) => fn(rt), write: (t) => (out += t) });
  await program.parseAsync(['node', 'porchlight', 'model', ...args]);
  return out;
}

describe('porchlight model deactivate', () => {
  it('returns the team to the default model, audited, and queues a re-score of every lead', async () => {
    const rt = await createTestRuntime();
    const { tenant } = await makeTenant(rt);
    const leadIds = [(await makeLead(rt, tenant.id)).id, (await makeLead(rt, tenant.id)).id];
    await insertModel(rt.db, {
      tenantId: tenant.id,
      version: 1,
      model: DEFAULT_MODEL,
      metrics: {},
      decision: 'trained',
      trainedAt: rt.clock.now(),
    });
    await activateScoringModel(rt, { tenantId: tenant.id, version: 1, reason: 'test', actor: 'cli' });
    expect((await getActiveModel(rt.db, tenant.id))?.row.version).toBe(1);
    const queued = async () => (await rt.queue.boss.findJobs('lead.score', {})).filter((j) => j.state === 'created');
    // Activation queued its own re-scores (coalesced per lead): clear them to see deactivation's.
    for (const job of await queued()) await rt.queue.boss.deleteJob('lead.score', job.id);

    const out = await modelCli(rt, ['deactivate', '--tenant', tenant.id]);
    expect(out).toBe('v1 deactivated: the default model scores leads again; 2 leads queued for re-scoring\n');
    expect(await getActiveModel(rt.db, tenant.id)).toBeUndefined();
    expect((await queued()).map((j) => (j.data as { leadId: string }).leadId).sort()).toEqual(leadIds.sort());
    expect((await listModels(rt.db, tenant.id))[0]).toMatchObject({ active: false });

    expect(await modelCli(rt, ['deactivate', '--tenant', tenant.id, '--json'])).toBe(
      '{"deactivated":null,"rescored":0}\n',
    );
  });
});
