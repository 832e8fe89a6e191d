import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import type { AutomationRuleInput } from '../../core/automations/automation-rule.ts';
import { dryRunAutomations } from '../../db/use-cases/automations/dry-run-automations.ts';
import { automationWorld, newContact } from './automation-world.ts';

const RULES: AutomationRuleInput[] = [
  {
    id: 'vip-added',
    name: 'VIP tagged',
    when: { event: 'tag_added', tags: ['vip'] },
    then: [{ do: 'notify', to: 'managers', template: '{{lead.name}} is a VIP' }],
  },
  {
    id: 'vip-removed',
    name: 'VIP untagged',
    when: { event: 'tag_removed', tags: ['vip'] },
    then: [{ do: 'notify', to: 'managers', template: '{{lead.name}} is no longer a VIP' }],
  },
];

describe('the automation dry run replays tag changes from the CRM', () => {
  it('a tag GHL added and later removed fires the added and the removed rule once each, for that lead', async () => {
    const world = await automationWorld({ at: '2026-12-01T18:00:00Z', rules: [] });
    expect((await world.postGhl(newContact('c-vip', { tags: ['VIP', 'buyer'] }))).status).toBe(200);
    expect((await world.postGhl(newContact('c-plain', { tags: ['buyer'], phone: '+15125550143' }))).status).toBe(200);
    await world.drain();
    world.clock.set('2026-12-02T15:00:00Z');
    const update = {
      ...newContact('c-vip', { tags: ['buyer'] }),
      type: 'ContactUpdate',
      webhookId: 'wh-c-vip-2',
      dateUpdated: '2026-12-02T15:00:00.000Z',
    };
    expect((await world.postGhl(update)).status).toBe(200);
    // The same delivery again changes nothing and records nothing.
    expect((await world.postGhl(update)).status).toBe(200);
    // A later update that leaves her tags as they are keeps no tag line either.
    const sameTags = { ...update, webhookId: 'wh-c-vip-3', firstName: 'Renamed', dateUpdated: '2026-12-02T16:00:00Z' };
    expect((await world.postGhl(sameTags)).status).toBe(200);
    await world.drain();
    const tagLines = await world.rt.db
      .select({ reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, world.tenant.id), eq(auditLog.action, 'tags_changed')));
    expect(tagLines.map((l) => l.reason).sort()).toEqual(['+buyer', '+vip +buyer', '-vip']);

    const report = await dryRunAutomations(world.rt, { tenantId: world.tenant.id, rules: RULES, days: 30 });
    const rule = (id: string) => report.rules.find((r) => r.ruleId === id)!;
    expect(rule('vip-added')).toMatchObject({ fired: 1, leads: [{ name: 'Lead c-vip', times: 1 }] });
    expect(rule('vip-removed')).toMatchObject({ fired: 1, leads: [{ name: 'Lead c-vip', times: 1 }] });
    expect(report.notes.join(' ')).toContain('Tag changes from the CRM are in the history only since');
  });
});
