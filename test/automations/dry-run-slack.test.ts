import { http, HttpResponse } from 'msw';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AutomationRuleInput } from '../../core/automations/automation-rule.ts';
import { automationRuns } from '../../db/schema/index.ts';
import { startWorkers } from '../../jobs/worker.ts';
import { createApp } from '../../webhooks/app.ts';
import { SLACK_ENV, seedChatTeam, slackHeaders, slashCommandBody } from '../bots/chat-team.ts';
import { blockText, recordSlack } from '../bots/slack-recorder.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { makeLead } from '../helpers/factories.ts';
import { createTestRuntime, fixedClock } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';

// An hour ahead of the wall clock: leads stored now are inside the replayed month.
const clock = fixedClock(new Date(Date.now() + 3_600_000).toISOString());
const SLACK_FILE = 'https://files.slack.com/files-pri/T111-F9/download/automations.json';
const RULES: AutomationRuleInput[] = [
  {
    id: 'zillow-welcome',
    name: 'Zillow welcome text',
    when: { event: 'lead_created', sources: ['Zillow'] },
    then: [{ do: 'notify', to: 'assignee', template: 'New Zillow lead {{lead.name}}' }],
  },
];

async function slack(rt: Runtime, body: string) {
  const res = await createApp(rt).request('/slack/events', {
    method: 'POST',
    body,
    headers: slackHeaders(body, rt.clock.now()),
  });
  expect(res.status).toBe(200);
}

function viewSubmission(userId: string, privateMetadata: string, fileUrl: string): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T111', domain: 'hill' },
    user: { id: userId, team_id: 'T111' },
    api_app_id: 'A111',
    view: {
      id: 'V1',
      callback_id: 'porchlight_automations_test_modal',
      private_metadata: privateMetadata,
      state: {
        values: {
          rules: {
            file: {
              type: 'file_input',
              files: [{ id: 'F9', name: 'automations.json', url_private_download: fileUrl }],
            },
          },
        },
      },
    },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

describe('/automations test in Slack', () => {
  it('opens an upload form; the submitted file is dry-run and the summary comes back, starting no run', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    const team = await seedChatTeam(rt);
    for (const name of ['Zoe Zillow', 'Zed Zillow']) await makeLead(rt, team.tenant.id, { name, source: 'Zillow' });
    const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
    onTestFinished(() => workers.stop(5_000));
    const calls = recordSlack();
    const reads: Array<string | null> = [];
    server.use(
      http.get(SLACK_FILE, ({ request }) => {
        reads.push(request.headers.get('authorization'));
        return HttpResponse.text(JSON.stringify(RULES));
      }),
    );
    const hook = 'https://hooks.slack.test/commands/T111/9/automations';

    await slack(rt, slashCommandBody('UMARIA', '/automations', 'test 30', hook));
    const open = await waitFor(() => calls.calls.find((c) => c.method === 'views.open'));
    const view = open.args.view as {
      private_metadata: string;
      callback_id: string;
      blocks: Array<{ element?: { type: string } }>;
    };
    expect(view.callback_id).toBe('porchlight_automations_test_modal');
    expect(view.blocks.map((b) => b.element?.type)).toContain('file_input');

    await slack(rt, viewSubmission('UMARIA', view.private_metadata, SLACK_FILE));
    const reply = await waitFor(() => calls.responses.find((r) => r.url === hook), 30_000);
    expect(reads).toEqual(['Bearer xoxb-test-token']);
    const text = `${reply.body.text} ${blockText(reply.body.blocks)}`;
    expect(text).toContain('Automations dry run');
    expect(text).toMatch(
      /Zillow welcome text \(zillow-welcome, lead_created\): fired \d+ times? for \d+ leads?: .*Zed Zillow/,
    );
    expect(text).toContain('Nothing was sent or changed');
    expect(await rt.db.select().from(automationRuns)).toEqual([]);
  });

  it('an agent is refused and no file is read', async () => {
    const rt = await createTestRuntime({ env: SLACK_ENV, clock });
    await seedChatTeam(rt);
    const workers = await startWorkers(rt, { queues: ['chat.action'], schedules: false });
    onTestFinished(() => workers.stop(5_000));
    const calls = recordSlack();
    let read = 0;
    server.use(http.get(SLACK_FILE, () => (read++, HttpResponse.text(JSON.stringify(RULES)))));
    const hook = 'https://hooks.slack.test/commands/T111/10/automations';
    await slack(rt, viewSubmission('UDEV', JSON.stringify({ responseUrl: hook, days: 30 }), SLACK_FILE));
    const reply = await waitFor(() => calls.responses.find((r) => r.url === hook), 30_000);
    expect(reply.body.text).toContain('Only managers and admins can try automation rules.');
    expect(read).toBe(0);
  });
});
