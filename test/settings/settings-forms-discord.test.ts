import { generateKeyPairSync, sign } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bots/commands/parse-command.ts';
import { runCommand } from '../../bots/commands/run-command.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { createApp } from '../../webhooks/app.ts';
import { seedChatTeam } from '../bots/chat-team.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { server } from '../msw/server.ts';
import { seedTeamWithSettings, settingsAudits, settingsOf, withChatWorkers } from './settings-form-helpers.ts';
import { discordInteractionId } from '../helpers/chat-ids.ts';

const keys = generateKeyPairSync('ed25519');
const DISCORD_ENV = {
  DISCORD_PUBLIC_KEY: (keys.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('hex'),
  DISCORD_BOT_TOKEN: 'discord-bot-token',
  DISCORD_APPLICATION_ID: 'APP1',
  DISCORD_API_URL: 'https://discord.test/api',
};

function recordDiscordEdits() {
  const edits: Array<{ path: string; body: Record<string, unknown> }> = [];
  server.use(
    http.all('https://discord.test/api/v10/*', async ({ request }) => {
      const path = decodeURIComponent(new URL(request.url).pathname.replace('/api/v10', ''));
      const type = request.headers.get('content-type') ?? '';
      const body = type.includes('multipart')
        ? JSON.parse(String((await request.formData()).get('payload_json')))
        : ((await request.json()) as Record<string, unknown>);
      edits.push({ path: `${request.method} ${path}`, body });
      return HttpResponse.json({ id: 'MSG1', channel_id: 'C1' });
    }),
  );
  return edits;
}

/** A signed interaction, as Discord posts it to the interactions endpoint. */
async function interact(rt: Runtime, interaction: Record<string, unknown>) {
  const body = JSON.stringify({
    id: discordInteractionId(),
    application_id: 'APP1',
    token: 'itoken',
    version: 1,
    guild_id: 'G111',
    channel_id: 'C1',
    ...interaction,
  });
  const timestamp = String(Math.floor(rt.clock.now().getTime() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
  const res = await createApp(rt).request('/discord/interactions', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { type: number; data?: Record<string, unknown> & { flags?: number } };
}

const pick = (rt: Runtime, userId: string, key: string) =>
  interact(rt, {
    type: 3,
    member: { user: { id: userId } },
    message: { id: 'M1', flags: 64 },
    data: { custom_id: 'settings:pick', component_type: 3, values: [key] },
  });
const submit = (rt: Runtime, userId: string, key: string, value: string) =>
  interact(rt, {
    type: 5,
    member: { user: { id: userId } },
    data: {
      custom_id: `settings:set:${key}`,
      components: [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'value', value } }],
    },
  });
const embedText = (res: { data?: Record<string, unknown> }) =>
  (res.data?.embeds as Array<{ title?: string; description?: string }>)
    .map((e) => [e.title, e.description].join('\n'))
    .join('\n');

describe('settings forms on Discord: a select menu and a one-field modal', () => {
  it('a manager picks a setting, saves it from a prefilled modal (audited); a bad value saves nothing', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV });
    const team = await seedTeamWithSettings(rt);
    const edits = recordDiscordEdits();
    await withChatWorkers(rt);

    const deferred = await interact(rt, {
      type: 2,
      member: { user: { id: '1001' } },
      data: { id: 'CMD1', name: 'porchlight', type: 1, options: [{ name: 'settings', type: 1 }] },
    });
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await waitFor(
      () => edits.find((e) => e.path === 'PATCH /webhooks/APP1/itoken/messages/@original'),
      30_000,
    );
    const [row] = edit.body.components as Array<{ components: Array<Record<string, unknown>> }>;
    const menu = row.components[0] as {
      type: number;
      custom_id: string;
      options: Array<{ label: string; value: string; description?: string }>;
    };
    expect(menu).toMatchObject({ type: 3, custom_id: 'settings:pick' });
    expect(menu.options.find((o) => o.value === 'delivery.perHour')).toEqual({
      label: 'delivery.perHour',
      value: 'delivery.perHour',
      description: '10',
    });
    expect(menu.options.find((o) => o.value === 'officeHours')?.description).toBe('{"mon":["09:00","17:00"]}');

    const modal = await pick(rt, '1001', 'delivery.perHour');
    expect(modal.type).toBe(9);
    expect(modal.data).toMatchObject({
      custom_id: 'settings:set:delivery.perHour',
      components: [{ type: 18, component: { type: 4, custom_id: 'value', value: '10' } }],
    });

    const saved = await submit(rt, '1001', 'delivery.perHour', '7');
    expect(saved.type).toBe(4);
    expect(saved.data?.flags).toBe(64);
    expect(embedText(saved)).toContain('`delivery.perHour`: `10` → `7`');
    expect((await settingsOf(rt, team.tenant.id)).delivery.perHour).toBe(7);
    const audits = await settingsAudits(rt, team.tenant.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({
      actor: team.maria.id,
      data: { keys: ['delivery.perHour'], after: { delivery: { perHour: 7 } } },
    });
    expect((audits[1].data as { before: Record<string, unknown> }).before.delivery).toBeUndefined();

    const rejected = await submit(rt, '1001', 'delivery.perHour', 'lots');
    expect(rejected.data?.flags).toBe(64);
    expect(embedText(rejected)).toMatch(/Not saved\. delivery\.perHour: .*number/);
    const badHours = await submit(rt, '1001', 'officeHours', '{"mon":["9am"]}');
    expect(embedText(badHours)).toMatch(/Not saved\. officeHours\.mon/);
    expect((await settingsOf(rt, team.tenant.id)).delivery.perHour).toBe(7);
    expect((await settingsOf(rt, team.tenant.id)).officeHours).toEqual({ mon: ['09:00', '17:00'] });
    expect(await settingsAudits(rt, team.tenant.id)).toHaveLength(2);
  }, 120_000);

  it('an agent is refused at the menu and at the modal, and nothing is saved', async () => {
    const rt = await createTestRuntime({ env: DISCORD_ENV });
    const team = await seedTeamWithSettings(rt);
    const refusedPick = await pick(rt, '1002', 'ai.enabled');
    expect(refusedPick.type).toBe(4);
    expect(embedText(refusedPick)).toContain('Team settings are for managers and admins.');
    const refusedSubmit = await submit(rt, '1002', 'ai.enabled', 'true');
    expect(refusedSubmit.type).toBe(4);
    expect(embedText(refusedSubmit)).toContain('Team settings are for managers and admins.');
    expect((await settingsOf(rt, team.tenant.id)).ai.enabled).toBe(false);
    expect(await settingsAudits(rt, team.tenant.id)).toHaveLength(1);
  }, 120_000);
});

describe('settings in the terminal', () => {
  it('keeps the typed instructions and shows no form controls', async () => {
    const rt = await createTestRuntime();
    const team = await seedChatTeam(rt);
    const parsed = parseCommand('/porchlight settings');
    if (!parsed.ok) throw new Error(parsed.problem);
    const reply = await runCommand(
      { runtime: rt, tenant: team.tenant, actor: team.maria, platform: 'terminal' },
      parsed.command,
    );
    expect(reply.buttons).toEqual([]);
    expect(reply.selects).toEqual([]);
    expect(reply.context.join(' ')).toContain('/porchlight settings set <key> <value>');
  }, 120_000);
});
