import { describe, expect, it } from 'vitest';
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import { alertMessage, alreadyClaimedMessage } from '../../bots/message/alert-message.ts';
import { renderSlack } from '../../bots/render/render-slack.ts';
import { ALL_KINDS, alertView } from './alert-views.ts';

const byType = <T extends KnownBlock>(blocks: KnownBlock[], type: T['type']) =>
  blocks.filter((b): b is T => b.type === type);
const allText = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const buttons = (blocks: KnownBlock[]) =>
  byType<ActionsBlock>(blocks, 'actions')
    .flatMap((a) => a.elements)
    .filter((e): e is Button => e.type === 'button');
const selects = (blocks: KnownBlock[]) =>
  byType<ActionsBlock>(blocks, 'actions')
    .flatMap((a) => a.elements)
    .filter((e) => e.type !== 'button');

describe('alert cards on Slack', () => {
  it.each(ALL_KINDS)('%s: shows the lead, score, reasons and the open-alert buttons', (kind) => {
    const { text, blocks } = renderSlack(alertMessage(alertView(kind)));
    const header = byType<HeaderBlock>(blocks, 'header')[0];
    expect(header.text.text).toContain('Ana Lopez');
    expect(text).toContain('Ana Lopez');
    const body = allText(blocks);
    expect(body).toContain('score 86 (hot)');
    expect(body).toContain('Pre-approved for $480k');
    expect(body).toContain('Viewed 6 listings this week');
    expect(body).toContain('+1******0123');

    const ids = buttons(blocks).map((b) => b.action_id);
    const isMatch = kind === 'listing_match' || kind === 'price_drop' || kind === 'back_on_market';
    expect(ids).toEqual([
      'alert:claim:12',
      ...(isMatch ? ['alert:send:12'] : []),
      'alert:snooze:12',
      'alert:dismiss:12',
    ]);
    expect(buttons(blocks).map((b) => b.text.text)).toContain('Claim');
    expect(buttons(blocks).find((b) => b.action_id === 'alert:claim:12')?.style).toBe('primary');
    expect(buttons(blocks).find((b) => b.action_id === 'alert:dismiss:12')?.style).toBe('danger');

    const [assign] = selects(blocks) as StaticSelect[];
    expect(assign.type).toBe('static_select');
    expect(assign.action_id).toBe('alert:assign:12');
    expect(assign.placeholder?.text).toBe('Assign ▾');
    expect(assign.options?.map((o) => o.value)).toEqual(['maria', 'joe']);
  });

  it.each(['listing_match', 'price_drop', 'back_on_market'] as const)(
    '%s: shows price, deal score, match score and the photo',
    (kind) => {
      const { blocks } = renderSlack(alertMessage(alertView(kind)));
      const body = allText(blocks);
      expect(body).toContain('$449,000');
      expect(body).toContain('1408 Oak Hollow Dr, Austin');
      expect(body).toContain('*Deal score*\\n78/100');
      expect(body).toContain('*Match*\\n91/100');
      const withPhoto = byType<SectionBlock>(blocks, 'section').find((s) => s.accessory);
      expect(withPhoto?.accessory).toMatchObject({
        type: 'image',
        image_url: 'https://photos.example.com/act-20931.jpg',
      });
    },
  );

  it('after a claim shows who has it and offers acknowledge instead of claim', () => {
    const view = alertView('listing_match', {
      status: 'claimed',
      assignee: { name: 'Maria Diaz', handle: 'maria' },
      actedBy: { name: 'Maria Diaz', handle: 'maria', action: 'claimed', at: '2026-03-08T15:14:00Z' },
      timeZone: 'America/Chicago',
    });
    const { blocks } = renderSlack(alertMessage(view));
    const context = byType<ContextBlock>(blocks, 'context')[0];
    expect(JSON.stringify(context)).toContain('Claimed by @maria · Mar 8, 10:14 AM');
    const ids = buttons(blocks).map((b) => b.action_id);
    expect(ids).not.toContain('alert:claim:12');
    expect(ids).toEqual([
      'alert:acknowledge:12',
      'alert:send:12',
      'alert:snooze:12',
      'alert:dismiss:12',
      'alert:win:12',
      'alert:lose:12',
    ]);
    expect((selects(blocks)[0] as StaticSelect).placeholder?.text).toBe('Reassign ▾');
  });

  it('an assignment names both the assignee and the manager who assigned', () => {
    const view = alertView('hot_lead', {
      status: 'assigned',
      assignee: { name: 'Joe Kim', handle: 'joe' },
      actedBy: { name: 'Pat Boss', handle: 'pat', action: 'assigned', at: '2026-03-08T15:14:00Z' },
    });
    expect(allText(renderSlack(alertMessage(view)).blocks)).toContain('Assigned to @joe by @pat');
  });

  it('closed alerts keep their story but lose every control', () => {
    for (const status of ['won', 'lost', 'dismissed', 'expired'] as const) {
      const { blocks } = renderSlack(
        alertMessage(
          alertView('hot_lead', {
            status,
            actedBy: { name: 'Joe', handle: 'joe', action: status, at: '2026-03-08T15:14:00Z' },
          }),
        ),
      );
      expect(byType(blocks, 'actions')).toEqual([]);
      expect(allText(blocks)).toContain('Ana Lopez');
    }
  });

  it("without a list of agents, Assign becomes Slack's own user picker", () => {
    const { blocks } = renderSlack(alertMessage(alertView('hot_lead', { assignOptions: [] })));
    expect(selects(blocks)[0]).toEqual({
      type: 'users_select',
      action_id: 'alert:assign:12',
      placeholder: { type: 'plain_text', text: 'Assign ▾', emoji: true },
    });
  });

  it('escapes user text so a lead named with <> or & cannot inject Slack control sequences', () => {
    const view = alertView('lead_reply', { reason: 'Replied: "<!channel> call me & my wife"' });
    const body = allText(renderSlack(alertMessage(view)).blocks);
    expect(body).not.toContain('<!channel>');
    expect(body).toContain('&lt;!channel&gt; call me &amp; my wife');
  });

  it('the late claimer gets a private "already claimed by @x"', () => {
    const rendered = renderSlack(alreadyClaimedMessage('12', { handle: 'maria' }));
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.text).toContain('already claimed by @maria');
  });
});
