import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../core/config/load-env.ts';
import { renderDoctor } from '../../core/config/doctor-report.ts';
import { PROVIDER_PROBES } from '../../integrations/probes/provider-probes.ts';
import { server } from '../msw/server.ts';

const SID = `AC${'a'.repeat(32)}`;

async function doctor(vars: Record<string, string>) {
  const env = loadEnv({ LOG_LEVEL: 'silent', ...vars });
  const checks = await Promise.all(PROVIDER_PROBES.map(async ([name, probe]) => ({ name, outcome: await probe(env) })));
  return renderDoctor(checks);
}

describe('porchlight doctor', () => {
  it('marks working providers ✓, unconfigured ones "– off", and exits 0', async () => {
    server.use(
      // Shapes as in Slack's auth.test and SendGrid's GET /v3/scopes docs.
      http.post('https://slack.test/api/auth.test', ({ request }) =>
        request.headers.get('authorization') === 'Bearer xoxb-good'
          ? HttpResponse.json({
              ok: true,
              url: 'https://subarachnoid.slack.com/',
              team: 'Subarachnoid Workspace',
              user: 'porchlight',
              team_id: 'T12345678',
              user_id: 'W12345678',
            })
          : HttpResponse.json({ ok: false, error: 'invalid_auth' }),
      ),
      http.get('https://sendgrid.test/v3/scopes', () => HttpResponse.json({ scopes: ['mail.send', 'alerts.read'] })),
    );
    const { text, exitCode } = await doctor({
      SLACK_BOT_TOKEN: 'xoxb-good',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: 'https://slack.test/api',
      SENDGRID_API_KEY: 'SG.good',
      SENDGRID_FROM: 'alerts@example.com',
      SENDGRID_API_URL: 'https://sendgrid.test',
    });
    expect(text).toMatch(/✓\s+Slack\s+workspace Subarachnoid Workspace as porchlight/);
    expect(text).toMatch(/✓\s+SendGrid\s+key can send mail/);
    expect(text).toMatch(/–\s+Twilio\s+off/);
    expect(text).toMatch(/–\s+Discord\s+off/);
    expect(exitCode).toBe(0);
  });

  it('marks a failing provider ✗ with the reason and exits 1', async () => {
    server.use(
      // Twilio's 401 body for a wrong auth token (code 20003).
      http.get(`https://twilio.test/2010-04-01/Accounts/${SID}.json`, () =>
        HttpResponse.json(
          { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 },
          { status: 401 },
        ),
      ),
      http.get('https://discord.test/api/v10/users/@me', () =>
        HttpResponse.json({ id: '80351110224678912', username: 'Porchlight', bot: true }),
      ),
      http.post('https://slack.test/api/auth.test', () => HttpResponse.json({ ok: false, error: 'invalid_auth' })),
    );
    const { text, exitCode } = await doctor({
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'wrong',
      TWILIO_FROM_NUMBER: '+15125550100',
      TWILIO_API_URL: 'https://twilio.test',
      DISCORD_BOT_TOKEN: 'bot-token',
      DISCORD_APPLICATION_ID: '1',
      DISCORD_API_URL: 'https://discord.test/api/v10',
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: 'https://slack.test/api',
    });
    expect(text).toMatch(/✗\s+Twilio\s+HTTP 401 Authenticate/);
    expect(text).toMatch(/✗\s+Slack\s+auth.test: invalid_auth/);
    expect(text).toMatch(/✓\s+Discord\s+bot Porchlight/);
    expect(exitCode).toBe(1);
  });
});
