import { insertAutomationRun } from '../../db/queries/automations/automation-runs.ts';
import type { Runtime } from '../../jobs/runtime.ts';

/** Three rules a team might write: a one-step welcome, a three-step sequence, a VIP rule that enrolls into it. */
export const WELCOME = {
  id: 'new-lead-welcome',
  name: 'Welcome text',
  when: { event: 'lead_created' },
  then: [{ do: 'text_lead', template: 'Hi {{lead.firstName | "there"}}, this is {{agent.firstName}}.' }],
};

export const CHECK_IN = {
  id: 'five-day-check-in',
  name: '5-day check-in',
  when: { event: 'lead_created' },
  then: [
    { do: 'text_lead', template: 'Hi {{lead.firstName}}, still looking?' },
    { do: 'wait', days: 2 },
    { do: 'notify', to: 'assignee', template: 'Call {{lead.name}} today' },
  ],
  exitWhen: ['replied'],
};

export const VIP = {
  id: 'vip-tag',
  name: 'VIP',
  when: { event: 'tag_added', tags: ['vip'] },
  then: [
    { do: 'notify', to: 'managers', template: 'VIP: {{lead.name}}' },
    { do: 'enroll', ruleId: 'five-day-check-in' },
  ],
};

/** A run as the engine leaves it: `position` 1 of `steps`, waiting until `nextAt`. */
export function startRun(
  rt: Runtime,
  run: { tenantId: string; ruleId: string; leadId: string; status?: string; nextAt?: Date | null; at?: Date },
) {
  const at = run.at ?? rt.clock.now();
  return rt.db.transaction(async (tx) => {
    const row = await insertAutomationRun(tx, {
      tenantId: run.tenantId,
      ruleId: run.ruleId,
      ruleVersion: 1,
      leadId: run.leadId,
      occurrence: `test:${run.ruleId}:${at.toISOString()}:${run.status ?? 'active'}`,
      trigger: { event: 'lead_created' },
      status: run.status ?? 'active',
      position: 1,
      steps: 3,
      nextAt: run.nextAt === undefined ? new Date(at.getTime() + 2 * 86_400_000) : run.nextAt,
      startedAt: at,
    });
    if (!row) throw new Error('run not inserted');
    return row;
  });
}
