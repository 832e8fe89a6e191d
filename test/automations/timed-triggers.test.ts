import { describe, expect, it } from 'vitest';
import { createLead } from '../../db/queries/leads.ts';
import { automationWorld } from './automation-world.ts';

const HOUR = 3_600_000;
/** Tuesday 10:00 in Austin. */
const TUESDAY_10AM = '2030-03-05T16:00:00Z';

describe('time-based automations', () => {
  it('no human contact for N hours: counted from her arrival or the last time a person reached her', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      rules: [
        {
          id: 'nobody-called',
          name: 'Nobody called',
          when: { event: 'no_human_contact', hours: 4 },
          then: [{ do: 'notify', to: 'managers', template: 'Nobody has called {{lead.name}} yet' }],
        },
      ],
    });
    const at = (hours: number) => new Date(Date.parse(TUESDAY_10AM) + hours * HOUR);
    await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ana', createdAt: at(-5) });
    await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben', createdAt: at(-5), lastHumanContactAt: at(-1) });
    await w.tick();
    await w.drain();
    expect(w.notes).toEqual(['Nobody has called Ana yet']);
    w.clock.set(at(3.5));
    await w.tick();
    await w.drain();
    expect(w.notes).toEqual(['Nobody has called Ana yet', 'Nobody has called Ben yet']);
  });

  it('a schedule runs on its days only, and `businessHours` reads the team’s office hours', async () => {
    const w = await automationWorld({
      at: TUESDAY_10AM,
      settings: { officeHours: { mon: ['09:00', '17:00'], tue: ['09:00', '17:00'] } },
      rules: [
        {
          id: 'monday-hot-list',
          name: 'Monday hot list',
          when: { event: 'schedule', at: '09:30', days: ['mon'] },
          if: {
            all: [
              { field: 'temperature', op: 'eq', value: 'hot' },
              { field: 'businessHours', op: 'eq', value: true },
            ],
          },
          then: [{ do: 'notify', to: 'managers', template: 'Call {{lead.name}} this week' }],
        },
      ],
    });
    await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ana', temperature: 'hot', score: 90 });
    await createLead(w.rt.db, { tenantId: w.tenant.id, name: 'Ben', temperature: 'cold', score: 10 });
    // Tuesday: not its day.
    await w.tick();
    await w.drain();
    expect(w.notes).toEqual([]);
    // Monday 09:40 in Austin, inside office hours: the hot lead only.
    w.clock.set('2030-03-11T14:40:00Z');
    await w.tick();
    await w.drain();
    expect(w.notes).toEqual(['Call Ana this week']);
  });
});
