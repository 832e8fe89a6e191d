import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AutomationRuleInput } from '../../core/automations/automation-rule.ts';
import { addLeadActivity } from '../../db/queries/leads.ts';
import { openHouses } from '../../db/schema/index.ts';
import { dryRunAutomations } from '../../db/use-cases/automations/dry-run-automations.ts';
import { makeLead, makeTenant } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';

const ZONE = 'America/Chicago';
const NOW = new Date('2026-12-01T18:00:00Z');
/** `days` before today at hh:00 team time. */
const local = (days: number, hour: number) =>
  DateTime.fromJSDate(NOW, { zone: ZONE }).minus({ days }).set({ hour, minute: 0 }).toJSDate();
const DAY = 86_400_000;

const RULE: AutomationRuleInput = {
  id: 'open-house-viewers',
  name: 'Open house to viewers',
  when: { event: 'listing_event', changes: ['open_house'], leads: 'viewed' },
  then: [{ do: 'notify', to: 'assignee', template: 'Open house for {{lead.name}}' }],
};

describe('the automation dry run replays open houses', () => {
  it('tells a viewer of the home about a public open house still ahead when it reached us, and nobody else', async () => {
    const rt = await createTestRuntime({ clock: fixedClock(NOW.toISOString()) });
    const { tenant } = await makeTenant(rt, { timezone: ZONE });
    const view = async (leadId: string, listingKey: string, at: Date) =>
      addLeadActivity(rt.db, {
        tenantId: tenant.id,
        leadId,
        kind: 'listing_view',
        listingKey,
        source: 'test',
        externalId: `view-${leadId}-${listingKey}`,
        occurredAt: at,
      });
    const fay = await makeLead(rt, tenant.id, { name: 'Fay Viewer', createdAt: local(40, 14) });
    const gus = await makeLead(rt, tenant.id, { name: 'Gus Late', createdAt: local(40, 14) });
    await view(fay.id, 'L1', local(12, 14));
    // Gus looked at L2 only after its open house had been announced.
    await view(gus.id, 'L2', local(3, 14));
    const openHouse = (key: string, listingKey: string, storedAt: Date, startsIn: number, type = 'Public') => ({
      tenantId: tenant.id,
      openHouseKey: key,
      listingKey,
      startsAt: new Date(storedAt.getTime() + startsIn * DAY),
      status: 'Active',
      type,
      modificationTimestamp: storedAt,
      createdAt: storedAt,
    });
    await rt.db.insert(openHouses).values([
      openHouse('OH-public', 'L1', local(10, 9), 3),
      openHouse('OH-private', 'L1', local(9, 9), 3, 'Private'),
      // Already over when the feed sent it.
      openHouse('OH-past', 'L1', local(8, 9), -1),
      openHouse('OH-before-window', 'L1', local(40, 9), 3),
      openHouse('OH-other-home', 'L2', local(5, 9), 3),
    ]);

    const report = await dryRunAutomations(rt, { tenantId: tenant.id, rules: [RULE], days: 30 });
    const rule = report.rules.find((r) => r.ruleId === RULE.id)!;
    expect(rule).toMatchObject({ fired: 1, leads: [{ name: 'Fay Viewer', times: 1 }] });
    expect(report.busiestHour).toEqual({ hour: 9, firings: 1 });
    expect(report.notes.join(' ')).toContain('Open houses are replayed when each was first stored');
  });
});
