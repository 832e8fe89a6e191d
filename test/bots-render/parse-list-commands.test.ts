import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';

const command = (line: string) => {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.command;
};
const problem = (line: string) => {
  const parsed = parseCommand(line);
  if (parsed.ok) throw new Error(`${line} parsed`);
  return parsed.problem;
};

describe('parsing /alerts, bulk actions and /team', () => {
  it('reads the view, kind, priority and page of /alerts in any order, as Slack and Discord send them', () => {
    expect(command('/alerts')).toEqual({ name: 'alerts', page: 1 });
    expect(command('/alerts unclaimed hot-lead high page 2')).toEqual({
      name: 'alerts',
      scope: 'unclaimed',
      kind: 'hot_lead',
      priority: 'high',
      page: 2,
    });
    // Discord joins its options as bare values: `alerts team price_drop 3`.
    expect(command('alerts team price_drop 3')).toMatchObject({ scope: 'team', kind: 'price_drop', page: 3 });
    expect(problem('/alerts urgent')).toContain('`urgent` is not a view, kind, priority or page');
    expect(problem('/alerts page')).toBe('Say `page` and a number, like `page 2`.');
    expect(problem('/alerts page 0')).toContain('The page is a number from 1');
  });

  it('reads a comma list as one action on several alerts, and keeps single actions as they were', () => {
    expect(command('ack 3,5')).toEqual({ name: 'bulk-alert-action', action: 'acknowledge', alertIds: ['3', '5'] });
    expect(command('assign 3, 5, #7 Maria Garcia')).toEqual({
      name: 'bulk-alert-action',
      action: 'assign',
      alertIds: ['3', '5', '7'],
      targetAgent: 'Maria Garcia',
    });
    expect(command('snooze 3,5 1h')).toMatchObject({ action: 'snooze', alertIds: ['3', '5'] });
    expect(command('dismiss 3,3,4')).toMatchObject({ alertIds: ['3', '4'] });
    expect(command('ack 12')).toEqual({ name: 'alert-action', action: 'acknowledge', alertId: '12' });
    expect(problem('claim 3,5')).toBe('`claim` takes one alert at a time.');
    expect(problem('assign 3,5')).toBe('Assign to whom? Give one agent handle after the alerts.');
    expect(problem('dismiss 3,5 now')).toBe('After the alerts, `dismiss` takes nothing more.');
  });

  it('reads /team and the typed pause and resume', () => {
    expect(command('/team')).toEqual({ name: 'team' });
    expect(command('pause @sam')).toEqual({ name: 'pause-agent', agent: 'sam', paused: true });
    expect(command('/team resume sam')).toEqual({ name: 'pause-agent', agent: 'sam', paused: false });
    expect(problem('pause')).toContain('Whom to pause?');
    expect(problem('/team everyone')).toContain('`/team` takes');
  });
});
