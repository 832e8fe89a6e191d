import { describe, expect, it } from 'vitest';
import { ComponentType, type APIButtonComponentWithCustomId, type APIStringSelectComponent } from 'discord.js';
import { alertMessage, alreadyClaimedMessage } from '../../bots/message/alert-message.ts';
import { chatMessage } from '../../bots/message/chat-message.ts';
import { renderDiscord } from '../../bots/render/render-discord.ts';
import { ALL_KINDS, alertView } from './alert-views.ts';

const components = (rendered: ReturnType<typeof renderDiscord>) => rendered.components.flatMap((row) => row.components);
const buttons = (rendered: ReturnType<typeof renderDiscord>) =>
  components(rendered).filter((c): c is APIButtonComponentWithCustomId => c.type === ComponentType.Button);

describe('alert cards on Discord', () => {
  it.each(ALL_KINDS)('%s: embed shows the lead, score and reasons; buttons carry the alert id', (kind) => {
    const rendered = renderDiscord(alertMessage(alertView(kind)));
    const [embed] = rendered.embeds;
    expect(embed.title).toContain('Ana Lopez');
    expect(embed.description).toContain('**Ana Lopez** · +1******0123 · score 86 (hot)');
    expect(embed.description).toContain('• Pre-approved for $480k');
    expect(embed.fields).toContainEqual({ name: 'Lead score', value: '86 (hot)', inline: true });
    expect(embed.footer?.text).toContain('Alert #12');
    expect(embed.color).toBe(0xf59e0b); // high priority

    const isMatch = kind === 'listing_match' || kind === 'price_drop' || kind === 'back_on_market';
    expect(buttons(rendered).map((b) => [b.custom_id, b.label])).toEqual([
      ['alert:claim:12', 'Claim'],
      ...(isMatch ? [['alert:send:12', 'Send to lead']] : []),
      ['alert:snooze:12', 'Snooze 1h'],
      ['alert:dismiss:12', 'Dismiss'],
    ]);
    const select = components(rendered).find(
      (c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect,
    );
    expect(select?.custom_id).toBe('alert:assign:12');
    expect(select?.options.map((o) => o.label)).toEqual(['Maria Diaz (@maria)', 'Joe Kim (@joe)']);
    expect(rendered.flags).toBeUndefined();
  });

  it('match alerts show price, deal score and the listing photo', () => {
    const [embed] = renderDiscord(alertMessage(alertView('price_drop'))).embeds;
    expect(embed.fields).toContainEqual({ name: 'Price', value: '$449,000', inline: true });
    expect(embed.fields).toContainEqual({ name: 'Deal score', value: '78/100', inline: true });
    expect(embed.thumbnail?.url).toBe('https://photos.example.com/act-20931.jpg');
  });

  it('claimed state shows who has it in the footer and drops Claim', () => {
    const rendered = renderDiscord(
      alertMessage(alertView('hot_lead', { status: 'claimed', assignee: { name: 'Maria Diaz', handle: 'maria' } })),
    );
    expect(rendered.embeds[0].footer?.text).toContain('Claimed by @maria');
    expect(buttons(rendered).map((b) => b.custom_id)).toEqual([
      'alert:acknowledge:12',
      'alert:snooze:12',
      'alert:dismiss:12',
      'alert:win:12',
      'alert:lose:12',
    ]);
  });

  it('never puts more than five buttons in a row, and a select gets its own row', () => {
    const many = chatMessage({
      sections: ['pick one'],
      buttons: Array.from({ length: 7 }, (_, i) => ({ actionId: `b${i}`, label: `B${i}`, value: String(i) })),
      selects: [{ actionId: 'alert:assign:9', placeholder: 'Assign ▾', options: [] }],
    });
    const rendered = renderDiscord(many);
    expect(rendered.components.map((r) => r.components.length)).toEqual([5, 2, 1]);
    expect(rendered.components[2].components[0].type).toBe(ComponentType.UserSelect);
  });

  it('private replies carry the ephemeral flag (64)', () => {
    const rendered = renderDiscord(alreadyClaimedMessage('12', { handle: 'maria' }));
    expect(rendered.flags).toBe(64);
    expect(rendered.embeds[0].description).toBe('Alert #12 is already claimed by @maria.');
  });
});
