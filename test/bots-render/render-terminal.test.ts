import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { alertMessage } from '../../bots/message/alert-message.ts';
import { chatMessage } from '../../bots/message/chat-message.ts';
import { renderTerminal, terminalChoices } from '../../bots/render/render-terminal.ts';
import { alertView } from './alert-views.ts';

describe('terminal rendering', () => {
  it('turns alert buttons into numbered choices with the command each stands for', () => {
    const text = renderTerminal(alertMessage(alertView('listing_match')), { numbered: true });
    expect(text).toContain('== 🏠 New match for Ana Lopez ==');
    expect(text).toContain('Ana Lopez · +1******0123 · score 86 (hot)'); // markdown stripped
    expect(text).not.toContain('**Ana');
    expect(text).toMatch(/^\s+1\) Claim\s+claim 12$/m);
    expect(text).toMatch(/^\s+2\) Send to lead\s+send 12$/m);
    expect(text).toMatch(/^\s+5\) Assign: Maria Diaz \(@maria\)\s+assign 12 maria$/m);
    expect(text).toMatch(/^\s+6\) Assign: Joe Kim \(@joe\)\s+assign 12 joe$/m);
  });

  it('every numbered choice is a command the parser accepts for the same alert', () => {
    const choices = terminalChoices(
      alertMessage(alertView('price_drop', { status: 'claimed', assignee: { name: 'Joe', handle: 'joe' } })),
    );
    expect(choices.map((c) => c.command)).toEqual([
      'ack 12',
      'send 12',
      'snooze 12',
      'dismiss 12',
      'won 12',
      'lost 12',
      'assign 12 maria',
      'assign 12 joe',
    ]);
    for (const choice of choices) {
      const parsed = parseCommand(choice.command);
      expect(parsed.ok && parsed.command).toMatchObject({ name: 'alert-action', alertId: '12' });
    }
  });

  it('shows a chart as its compact table, not as an image placeholder', () => {
    const text = renderTerminal(
      chatMessage({
        header: 'Leaderboard',
        table: {
          columns: ['Agent', 'Deals'],
          rows: [
            ['Maria Diaz', '4'],
            ['Joe', '12'],
          ],
        },
        image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'chart', filename: 'chart.png' },
      }),
    );
    expect(text).toContain('Agent       Deals\n----------  -----\nMaria Diaz      4\nJoe            12');
    expect(text).not.toContain('[chart');
  });

  it('closed alerts offer nothing to do', () => {
    const text = renderTerminal(
      alertMessage(
        alertView('hot_lead', {
          status: 'dismissed',
          actedBy: { name: 'Pat', handle: 'pat', action: 'dismissed', at: '2026-03-08T15:14:00Z' },
        }),
      ),
      { numbered: true },
    );
    expect(text).toContain('Dismissed by @pat');
    expect(text).not.toContain('1)');
  });
});
