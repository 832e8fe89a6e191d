import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../webhooks/app.ts';
import { createTenant } from '../../db/queries/tenants.ts';
import { createGhlTestKeys, ghlSignedHeaders } from '../helpers/ghl-signing.ts';
import { createTestRuntime } from '../helpers/runtime.ts';
import { drainJobs } from '../helpers/drain-jobs.ts';
import { FUZZ_TIMEOUT_MS, fuzzParams, hostileBody, hostileJson, hostileString, mutated } from './hostile-values.ts';
import { expectHandled, reportFuzzFigures } from './refusal-shape.ts';
import { discordHeaders, fuzzSecrets, sendgridHeaders, slackHeaders, twilioHeaders } from './signers.ts';

const fixtureDir = new URL('../fixtures/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, fixtureDir), 'utf8'));
const ghlTemplates = readdirSync(new URL('ghl/', fixtureDir))
  .filter((f) => f.endsWith('.json'))
  .map((f) => read(`ghl/${f}`) as Record<string, unknown>);
const slackCommand = read('platforms/slack-slash-command-payload-docs.json').parsed as Record<string, string>;
const slackAction = read('platforms/slack-block-actions-button-payload.json').payload as Record<string, unknown>;
const discord = read('platforms/discord-interactions-js-sample-bodies.json');
const discordTemplates = ['ping', 'application_command', 'message_component', 'autocomplete'].map(
  (k) => discord[k] as Record<string, unknown>,
);
const twilioStatus = read('platforms/twilio-status-callback-sample.json').params as Record<string, string>;
const sendgridEvents = read('platforms/sendgrid-event-webhook-sample-events.json').events as Array<
  Record<string, unknown>
>;

const BASE = 'https://porchlight.test';
/** Form fields: a real payload with fields replaced, added (prototype names too) or dropped. */
const hostileForm = (template: Record<string, string>) =>
  fc
    .tuple(
      fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(template)), hostileString), fc.string(), { maxKeys: 4 }),
      fc.subarray(Object.keys(template)),
      fc.dictionary(
        fc.constantFrom(...Object.keys(template)),
        fc.constantFrom('\u0000', '%00', '\uD800', 'x'.repeat(3000)),
      ),
    )
    .map(([extra, dropped, odd]) => {
      const form: Record<string, string> = Object.create(null);
      for (const [k, v] of Object.entries({ ...template, ...extra, ...odd })) if (!dropped.includes(k)) form[k] = v;
      return form;
    });
const encodeForm = (form: Record<string, string>) => new URLSearchParams(Object.entries(form)).toString();

async function setup() {
  const { secrets, env } = fuzzSecrets();
  const ghl = createGhlTestKeys();
  const rt = await createTestRuntime({ env: { ...env, GHL_WEBHOOK_PUBLIC_KEY: ghl.ed25519.publicKeyBase64 } });
  const locations = [...new Set(ghlTemplates.map((t) => t.locationId).filter((l) => typeof l === 'string'))];
  await rt.db.transaction((tx) =>
    createTenant(tx, {
      name: 'Fuzz Homes',
      ghlLocations: locations as string[],
      twilioNumber: '+15125550100',
      slackTeamId: slackCommand.team_id,
      discordGuildId: String((discordTemplates[1] as { guild_id?: string }).guild_id ?? '100000000000000002'),
    }),
  );
  const app = createApp(rt);
  return { rt, app, secrets, ghl };
}

afterAll(reportFuzzFigures);

describe('fuzzing every inbound surface: no 5xx, every refusal names its problem', () => {
  it(
    'signed GHL bodies, and the accepted ones are applied without a failed job',
    async () => {
      const { rt, app, ghl } = await setup();
      await fc.assert(
        fc.asyncProperty(hostileBody(ghlTemplates), async (body) => {
          const res = await app.request('/webhooks/ghl', {
            method: 'POST',
            body,
            headers: ghlSignedHeaders(body, ghl),
          });
          await expectHandled(res, `GHL ${body.slice(0, 200)}`);
        }),
        fuzzParams(),
      );
      // Accepted means applied: a stored event that then fails in the worker is an event lost after its 200.
      await drainJobs(rt, ['ghl.event', 'crm.event']);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'signed Twilio SMS and status forms',
    async () => {
      const { app, secrets } = await setup();
      const sms = {
        MessageSid: 'SM0123',
        AccountSid: `AC${'0'.repeat(32)}`,
        From: '+15125550199',
        To: '+15125550100',
        Body: 'Yes',
      };
      await fc.assert(
        fc.asyncProperty(
          fc.boolean().chain((isSms) => hostileForm(isSms ? sms : twilioStatus).map((form) => ({ isSms, form }))),
          async ({ isSms, form }) => {
            const path = isSms ? '/webhooks/twilio/sms' : '/webhooks/twilio/status';
            const res = await app.request(path, {
              method: 'POST',
              body: encodeForm(form),
              headers: twilioHeaders(secrets, BASE + path, { ...form }),
            });
            await expectHandled(res, `Twilio ${path} ${JSON.stringify(form).slice(0, 200)}`);
          },
        ),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'signed SendGrid event arrays',
    async () => {
      const { app, secrets } = await setup();
      const arrays = fc.oneof(
        fc
          .array(fc.constantFrom(...sendgridEvents).chain(mutated), { maxLength: 4 })
          .map((items) => `[${items.join(',')}]`),
        hostileBody(sendgridEvents),
      );
      await fc.assert(
        fc.asyncProperty(arrays, async (body) => {
          const res = await app.request('/webhooks/sendgrid/events', {
            method: 'POST',
            body,
            headers: sendgridHeaders(secrets, body),
          });
          await expectHandled(res, `SendGrid ${body.slice(0, 200)}`);
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'signed Slack commands, interaction payloads and events',
    async () => {
      const { app, secrets } = await setup();
      const bodies = fc.oneof(
        hostileForm(slackCommand).map((form) => ({
          body: encodeForm(form),
          type: 'application/x-www-form-urlencoded',
        })),
        fc
          .oneof(
            mutated(slackAction),
            hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
          )
          .map((payload) => ({ body: encodeForm({ payload }), type: 'application/x-www-form-urlencoded' })),
        hostileBody([{ type: 'event_callback', team_id: 'T1DC2JH3J', event: { type: 'app_uninstalled' } }]).map(
          (body) => ({ body, type: 'application/json' }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(bodies, async ({ body, type }) => {
          const res = await app.request('/slack/events', {
            method: 'POST',
            body,
            headers: slackHeaders(secrets, body, type),
          });
          await expectHandled(res, `Slack ${body.slice(0, 200)}`);
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'signed Discord interactions',
    async () => {
      const { app, secrets } = await setup();
      await fc.assert(
        fc.asyncProperty(hostileBody(discordTemplates), async (body) => {
          const res = await app.request('/discord/interactions', {
            method: 'POST',
            body,
            headers: discordHeaders(secrets, body),
          });
          await expectHandled(res, `Discord ${body.slice(0, 200)}`);
        }),
        fuzzParams(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('counterexamples the fuzzer found, kept as regression tests', () => {
  it('a Slack button payload with "channel": null is a 400, not a 500', async () => {
    const { app, secrets } = await setup();
    const body = encodeForm({ payload: JSON.stringify({ ...slackAction, channel: null }) });
    const res = await app.request('/slack/events', {
      method: 'POST',
      body,
      headers: slackHeaders(secrets, body, 'application/x-www-form-urlencoded'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/channel/);
  });

  it('a SendGrid event dated past year 9999 is refused by name, not a 500', async () => {
    const { app, secrets } = await setup();
    const body = JSON.stringify([{ ...sendgridEvents[0], timestamp: 253402300800 }]);
    const res = await app.request('/webhooks/sendgrid/events', {
      method: 'POST',
      body,
      headers: sendgridHeaders(secrets, body),
    });
    await expectHandled(res, 'SendGrid year 10000');
  });
});
