import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, blockActionBody, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { blockText, recordSlack } from '../bots/slack-recorder.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { seedTeamWithSettings, settingsAudits, settingsOf, withChatWorkers } from './settings-form-helpers.ts';
import { slackTriggerId } from '../helpers/chat-ids.ts';

async function postSlack(rt: Runtime, body: string) {
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : null;
}

interface ModalBlock {
  type: string;
  block_id: string;
  element: Record<string, unknown> & { type: string };
}
interface OpenedView {
  callback_id: string;
  private_metadata: string;
  title: unknown;
  blocks: ModalBlock[];
}

/** `view.state.values` as Slack sends it when the user changes only `edits` (block id → new element state). */
function stateOf(view: OpenedView, edits: Record<string, Record<string, unknown>> = {}) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks) {
    const e = block.element;
    const untouched: Record<string, unknown> =
      e.type === 'radio_buttons'
        ? { type: e.type, selected_option: e.initial_option ?? null }
        : e.type === 'conversations_select'
          ? { type: e.type, selected_conversation: e.initial_conversation ?? null }
          : { type: e.type, value: e.initial_value ?? null };
    values[block.block_id] = { [String(e.action_id)]: { ...untouched, ...edits[block.block_id] } };
  }
  return values;
}

/** The form body of a view_submission (api.slack.com/reference/interaction-payloads/views). */
function viewSubmissionBody(userId: string, view: OpenedView, values: ReturnType<typeof stateOf>): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T111', domain: 'hill' },
    user: { id: userId, username: 'u', name: 'u', team_id: 'T111' },
    api_app_id: 'A111',
    token: 'legacy-verification-token',
    trigger_id: slackTriggerId(),
    view: {
      id: 'V1',
      team_id: 'T111',
      type: 'modal',
      blocks: view.blocks,
      private_metadata: view.private_metadata,
      callback_id: view.callback_id,
      state: { values },
      hash: '1700000000.abcd',
      title: view.title,
      previous_view_id: null,
      root_view_id: 'V1',
      app_id: 'A111',
      external_id: '',
      app_installed_team_id: 'T111',
      bot_id: 'B111',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

describe('settings forms on Slack: an Edit settings button and a modal', () => {
  it('a manager opens a prefilled modal, saves only the changed field (audited), hears before → after', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedTeamWithSettings(rt);
    const slack = recordSlack();
    await withChatWorkers(rt);

    await postSlack(rt, slashCommandBody('UMARIA', '/porchlight', 'settings', 'https://hooks.slack.test/cmd/maria'));
    const answer = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/cmd/maria')), 30_000);
    const actions = answer.body.blocks.find((b) => b.type === 'actions') as { elements: Array<{ action_id: string }> };
    expect(actions.elements).toEqual([expect.objectContaining({ action_id: 'settings:edit', style: 'primary' })]);
    expect(blockText(answer.body.blocks)).toContain('Edit settings');

    const click = blockActionBody(
      'UMARIA',
      { action_id: 'settings:edit', type: 'button', value: 'edit' },
      'https://hooks.slack.test/actions/maria',
    );
    await postSlack(rt, click);
    const opened = await waitFor(() => slack.of('views.open')[0]);
    expect(opened.args.trigger_id).toBe(JSON.parse(new URLSearchParams(click).get('payload')!).trigger_id);
    const view = opened.args.view as OpenedView;
    const element = (key: string) => view.blocks.find((b) => b.block_id === key)!.element;
    expect(element('delivery.perHour')).toMatchObject({ type: 'number_input', initial_value: '10' });
    expect(element('alerts.hotScore')).toMatchObject({ type: 'number_input', initial_value: '80' });
    expect(element('ai.enabled')).toMatchObject({ type: 'radio_buttons', initial_option: { value: 'false' } });
    expect(element('officeHours')).toMatchObject({
      type: 'plain_text_input',
      initial_value: '{"mon":["09:00","17:00"]}',
    });
    expect(element('slackChannel')).toMatchObject({
      type: 'conversations_select',
      initial_conversation: 'C0ALERTS',
    });

    const ack = await postSlack(
      rt,
      viewSubmissionBody('UMARIA', view, stateOf(view, { 'delivery.perHour': { value: '12' } })),
    );
    expect(ack).toBeNull(); // a plain ack closes the modal
    const settings = await settingsOf(rt, team.tenant.id);
    expect(settings.delivery.perHour).toBe(12);
    expect(settings.officeHours).toEqual({ mon: ['09:00', '17:00'] });
    const audits = await settingsAudits(rt, team.tenant.id);
    expect(audits).toHaveLength(2); // the CLI seed, then this form
    expect(audits[1]).toMatchObject({
      actor: team.maria.id,
      data: {
        keys: ['delivery.perHour'],
        before: { officeHours: { mon: ['09:00', '17:00'] }, slackChannel: 'C0ALERTS' },
        after: { officeHours: { mon: ['09:00', '17:00'] }, slackChannel: 'C0ALERTS', delivery: { perHour: 12 } },
      },
    });
    const confirmation = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/actions/maria')));
    expect(confirmation.body.response_type).toBe('ephemeral');
    expect(blockText(confirmation.body.blocks)).toContain('`delivery.perHour`: `10` → `12`');
    expect(blockText(confirmation.body.blocks)).not.toContain('alerts.hotScore');
  }, 120_000);

  it('an invalid value keeps the modal open with the parser message under that field, and saves nothing', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedTeamWithSettings(rt);
    const slack = recordSlack();
    await postSlack(
      rt,
      blockActionBody('UMARIA', { action_id: 'settings:edit', type: 'button' }, 'https://hooks.slack.test/a/m'),
    );
    const view = (await waitFor(() => slack.of('views.open')[0])).args.view as OpenedView;

    const ack = await postSlack(
      rt,
      viewSubmissionBody(
        'UMARIA',
        view,
        stateOf(view, {
          'delivery.perHour': { value: '5' },
          'alerts.hotScore': { value: '150' },
          officeHours: { value: '{"mon":["9am","5pm"]}' },
        }),
      ),
    );
    expect(ack).toMatchObject({ response_action: 'errors' });
    const errors = (ack as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['alerts.hotScore', 'officeHours']);
    expect(errors['alerts.hotScore']).toMatch(/^alerts\.hotScore: .*100/);
    expect(errors.officeHours).toMatch(/^officeHours\.mon/);
    const settings = await settingsOf(rt, team.tenant.id);
    expect(settings.delivery.perHour).toBe(10); // the valid field waits for the others: one change or none
    expect(settings.alerts.hotScore).toBe(80);
    expect(await settingsAudits(rt, team.tenant.id)).toHaveLength(1);
  }, 120_000);

  it('an agent gets no button, no modal, and a refused submission', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV });
    const team = await seedTeamWithSettings(rt);
    const slack = recordSlack();
    await withChatWorkers(rt);

    await postSlack(rt, slashCommandBody('USAM', '/porchlight', 'settings', 'https://hooks.slack.test/cmd/sam'));
    const answer = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/cmd/sam')), 30_000);
    expect(answer.body.text).toBe('Team settings are for managers and admins.');
    expect(answer.body.blocks.some((b) => b.type === 'actions')).toBe(false);

    // An old or forwarded button is no permission either.
    await postSlack(
      rt,
      blockActionBody('USAM', { action_id: 'settings:edit', type: 'button' }, 'https://hooks.slack.test/a/sam'),
    );
    const refusal = await waitFor(() => slack.responses.find((r) => r.url.endsWith('/a/sam')));
    expect(refusal.body.text).toBe('Team settings are for managers and admins.');
    expect(slack.of('views.open')).toHaveLength(0);

    // A submission crafted from a manager's form is checked against the submitter.
    await postSlack(
      rt,
      blockActionBody('UMARIA', { action_id: 'settings:edit', type: 'button' }, 'https://hooks.slack.test/a/m'),
    );
    const view = (await waitFor(() => slack.of('views.open')[0])).args.view as OpenedView;
    const ack = await postSlack(
      rt,
      viewSubmissionBody('USAM', view, stateOf(view, { 'delivery.perHour': { value: '99' } })),
    );
    expect(ack).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(ack)).toContain('Team settings are for managers and admins.');
    expect((await settingsOf(rt, team.tenant.id)).delivery.perHour).toBe(10);
    expect(await settingsAudits(rt, team.tenant.id)).toHaveLength(1);
  }, 120_000);
});
