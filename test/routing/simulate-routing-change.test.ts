import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerRulesCommands } from '../../bin/commands/rules.ts';
import { insertAlert } from '../../db/queries/alerts/insert-alert.ts';
import { agents, alerts, auditLog, routingRules, routingState } from '../../db/schema/index.ts';
import { replaceRoutingTable } from '../../db/use-cases/routing/replace-routing-table.ts';
import { simulateRoutingChange } from '../../db/use-cases/routing/simulate-routing-change.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { makeAgent, makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';

const NOW = new Date('2026-11-30T18:00:00Z');
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A month of a three-agent team: one alert a day at 15:00 UTC (9:00 in Austin), every third one
 * closed ten minutes later, the rest still open; Ben paused himself on day 20. Stored rules: round
 * robin over the three.
 */
async function seedMonth(rt: Runtime) {
  const { tenant } = await makeTenant(rt, { timezone: 'America/Chicago' });
  const joined = new Date(NOW.getTime() - 60 * DAY);
  const [ana, ben, cara] = await Promise.all(
    ['Ana', 'Ben', 'Cara'].map((name) => makeAgent(rt, tenant.id, { name, createdAt: joined })),
  );
  await makeAgent(rt, tenant.id, { name: 'Mia', role: 'manager', createdAt: joined });
  const pool = [ana.id, ben.id, cara.id];
  await replaceRoutingTable(rt, {
    tenantId: tenant.id,
    rules: [{ name: 'Everyone in turn', condition: null, strategy: 'round_robin', pool: { agentIds: pool } }],
  });
  const pausedAt = new Date(NOW.getTime() - 10 * DAY);
  await rt.db.update(agents).set({ paused: true }).where(eq(agents.id, ben.id));
  await rt.db.insert(auditLog).values({
    tenantId: tenant.id,
    entity: 'agent',
    entityId: ben.id,
    action: 'settings_changed',
    actor: ben.id,
    data: { before: { paused: false }, after: { paused: true } },
    createdAt: pausedAt,
  });
  const lead = await makeLead(rt, tenant.id, { source: 'zillow' });
  const month: Array<{ createdAt: Date; closedAt: Date | null }> = [];
  for (let day = 30; day >= 1; day--) {
    const createdAt = new Date(NOW.getTime() - (day - 1) * DAY - 3 * 3_600_000);
    const closedAt = day % 3 === 0 ? new Date(createdAt.getTime() + 10 * 60_000) : null;
    const alert = await insertAlert(rt.db, {
      tenantId: tenant.id,
      kind: 'hot_lead',
      priority: 'high',
      leadId: lead.id,
      listingKey: null,
      dedupeKey: `sim-${day}`,
      reason: 'seeded',
      expiresAt: new Date(createdAt.getTime() + 7 * DAY),
      createdAt,
    });
    // In reality Ana took everything: the simulation must not read who routing picked back then.
    await rt.db
      .update(alerts)
      .set({ assigneeId: ana.id, status: closedAt ? 'won' : 'claimed', claimedAt: createdAt, closedAt })
      .where(eq(alerts.id, alert!.id));
    month.push({ createdAt, closedAt });
  }
  return { tenant, ana, ben, cara, pool, pausedAt, month };
}

/** The test's own replay: who is free (Ben not after his pause), then the strategy's pick. */
function expectedCounts(
  month: Array<{ createdAt: Date; closedAt: Date | null }>,
  pool: string[],
  benId: string,
  pausedAt: Date,
  strategy: 'round_robin' | 'least_loaded',
): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(pool.map((id) => [id, 0]));
  const open: Record<string, Date[]> = Object.fromEntries(pool.map((id) => [id, []]));
  const credit: Record<string, number> = Object.fromEntries(pool.map((id) => [id, 0]));
  for (const alert of month) {
    const free = pool.filter((id) => id !== benId || alert.createdAt < pausedAt);
    for (const id of pool) open[id] = open[id].filter((closedAt) => closedAt > alert.createdAt);
    let pick: string;
    if (strategy === 'round_robin') {
      // nginx's smooth weighted round robin, weights 1: whoever is free gains 1, the richest (first on ties)
      // wins and pays back the number of free agents; an absent agent keeps its credit.
      for (const id of free) credit[id] += 1;
      pick = free.reduce((best, id) => (credit[id] > credit[best] ? id : best));
      credit[pick] -= free.length;
    } else {
      pick = free.reduce((best, id) => (open[id].length < open[best].length ? id : best));
    }
    counts[pick]++;
    open[pick].push(alert.closedAt ?? new Date(8.64e15));
  }
  return counts;
}

async function snapshot(rt: Runtime, tenantId: string) {
  return {
    rules: await rt.db.select().from(routingRules).where(eq(routingRules.tenantId, tenantId)),
    state: await rt.db.select().from(routingState).where(eq(routingState.tenantId, tenantId)),
    alerts: await rt.db.select().from(alerts).where(eq(alerts.tenantId, tenantId)).orderBy(alerts.createdAt),
    audit: (await rt.db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId))).length,
  };
}

describe('routing simulator', () => {
  it('switching the pool from round robin to least loaded changes per-agent counts as computed, writing nothing', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant, ana, ben, cara, pool, pausedAt, month } = await seedMonth(rt);
    const before = await snapshot(rt, tenant.id);
    const candidate = [{ name: 'Least loaded', condition: null, strategy: 'least_loaded', pool: { agentIds: pool } }];

    const sim = await simulateRoutingChange(rt, { tenantId: tenant.id, candidate, days: 30 });

    const got = (outcome: typeof sim.current) =>
      Object.fromEntries(pool.map((id) => [id, outcome.agents.find((a) => a.agentId === id)?.received ?? 0]));
    const rr = expectedCounts(month, pool, ben.id, pausedAt, 'round_robin');
    const ll = expectedCounts(month, pool, ben.id, pausedAt, 'least_loaded');
    expect(got(sim.current)).toEqual(rr);
    expect(got(sim.candidate)).toEqual(ll);
    expect(ll).not.toEqual(rr);
    // Ben paused on day 20: neither table gives him anything after that.
    const beforePause = month.filter((a) => a.createdAt < pausedAt).length;
    expect(got(sim.current)[ben.id]).toBeLessThanOrEqual(Math.ceil(beforePause / 3));
    expect(sim.actual).toEqual({ [ana.id]: 30 });
    expect(sim.current.alerts).toBe(30);
    expect(sim.candidate.unassigned).toBe(0);
    // Equal weights: each agent's weight share is the mean of 1/3 (before the pause) and 1/2 (after, Ben gone).
    const cand = sim.candidate.agents.find((a) => a.agentId === cara.id)!;
    expect(cand.share).toBeCloseTo(ll[cara.id] / 30, 6);
    expect(cand.weightShare).toBeCloseTo((beforePause / 3 + (30 - beforePause) / 2) / 30, 6);

    expect(await snapshot(rt, tenant.id)).toEqual(before);
  });

  it('porchlight rules simulate prints the table, writes a PNG and a CSV, and refuses a bad candidate', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant, ben, pool, pausedAt, month } = await seedMonth(rt);
    const file = join(dir, 'candidate.json');
    writeFileSync(
      file,
      JSON.stringify({ rules: [{ name: 'LL', strategy: 'least_loaded', pool: { agentIds: pool } }] }),
    );
    const before = await snapshot(rt, tenant.id);

    const out = await cli(rt, ['simulate', file, '--tenant', tenant.id, '--days', '30', '--out-dir', dir]);
    expect(out).toMatch(/^Ana\s+30\s/m);
    expect(out).toContain('nothing was changed');
    const stem = join(dir, `routing-simulation-${tenant.id}-2026-11-30`);
    const png = readFileSync(`${stem}.png`);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(5_000);
    const rows = parse(readFileSync(`${stem}.csv`, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<
      Record<string, string>
    >;
    const ll = expectedCounts(month, pool, ben.id, pausedAt, 'least_loaded');
    expect(Object.fromEntries(rows.map((r) => [r.agent_id, Number(r['candidate.received'])]))).toMatchObject(ll);
    expect(await snapshot(rt, tenant.id)).toEqual(before);

    writeFileSync(
      file,
      JSON.stringify([{ name: 'No catch-all', condition: { field: 'kind', in: ['x'] }, strategy: 'manager' }]),
    );
    await expect(cli(rt, ['simulate', file, '--tenant', tenant.id])).rejects.toMatchObject({
      code: 'bad_usage',
      message: expect.stringContaining('catch-all'),
    });
  });
});

async function cli(rt: Runtime, args: string[]): Promise<string> {
  const program = new Command('porchlight').exitOverride();
  registerRulesCommands(program, (fn) => fn(rt));
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    await program.parseAsync(['node', 'porchlight', 'rules', ...args]);
  } finally {
    vi.mocked(process.stdout.write).mockRestore();
  }
  return out;
}
