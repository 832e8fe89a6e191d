import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLead } from '../../db/queries/leads.ts';
import { auditLog } from '../../db/schema/index.ts';
import { scoreLead } from '../../db/use-cases/leads/score-lead.ts';
import { SWEEP_TRIGGER } from '../../db/use-cases/leads/sweep-leads.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { seedTenant } from './seed.ts';

const T0 = new Date('2026-03-10T14:20:00Z').getTime();
const DAY = 86_400_000;

describe("the daily sweep's audit trail", () => {
  it('a sweep re-score that moves nothing and finds nothing leaves no audit line; an event re-score still does', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(new Date(T0)) });
    const { tenant } = await seedTenant(rt);
    const lead = await createLead(rt.db, { tenantId: tenant.id, name: 'Still Sam', createdAt: new Date(T0 - 3 * DAY) });
    const scoredLines = async () =>
      (
        await rt.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'scored'), eq(auditLog.entityId, lead.id)))
      ).length;
    const sweepScore = () =>
      scoreLead(rt, {
        tenantId: tenant.id,
        leadId: lead.id,
        trigger: SWEEP_TRIGGER,
        lane: 'bulk',
        auditOnlyChanges: true,
      });

    // Her first score is a change (from none): it is written down.
    const first = await sweepScore();
    expect(first?.previousScore).toBeNull();
    expect(await scoredLines()).toBe(1);
    // The same day again: same score, same band, no signal.
    const again = await sweepScore();
    expect(again?.score.score).toBe(first?.score.score);
    expect(again?.signals).toEqual([]);
    expect(await scoredLines()).toBe(1);
    // An event's re-score is always on the record, moved or not.
    await scoreLead(rt, { tenantId: tenant.id, leadId: lead.id, trigger: 'crm_event' });
    expect(await scoredLines()).toBe(2);
  });
});
