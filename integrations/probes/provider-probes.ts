import type { Env } from '../../core/config/env-schema.ts';
import type { ProbeOutcome } from '../../core/config/doctor-report.ts';
import { GHL_API_VERSION } from '../ghl/ghl-api-versions.ts';

/**
 * One harmless read per provider for `porchlight doctor`: it proves the credentials and the base URL without
 * sending, writing or spending anything. Plain fetch on purpose: each is a single GET/POST whose only question
 * is "does this key work here?", and every base URL is overridable like the real clients'.
 */
export type Probe = (env: Env, fetcher?: typeof fetch) => Promise<ProbeOutcome>;

const TIMEOUT_MS = 10_000;

async function call(
  fetcher: typeof fetch,
  url: string,
  init: RequestInit,
  read: (body: Record<string, unknown>) => ProbeOutcome,
): Promise<ProbeOutcome> {
  try {
    const response = await fetcher(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Some errors come back as text or HTML; the status says enough.
    }
    if (!response.ok) return { status: 'failed', reason: `HTTP ${response.status}${describe(body)}` };
    return read(body);
  } catch (error) {
    return { status: 'failed', reason: `cannot reach ${new URL(url).host}: ${(error as Error).message}` };
  }
}

function describe(body: Record<string, unknown>): string {
  const message = body.message ?? body.error ?? (body.errors as Array<{ message?: string }> | undefined)?.[0]?.message;
  return typeof message === 'string' ? ` ${message}` : '';
}

const base = (url: string | undefined, fallback: string) => (url ?? fallback).replace(/\/+$/, '');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, Accept: 'application/json' });

export const probeGhl: Probe = async (env, fetcher = fetch) => {
  if (!env.GHL_TOKEN)
    return env.GHL_CLIENT_ID ? { status: 'ok', detail: 'Marketplace app (tokens per install)' } : { status: 'off' };
  if (!env.GHL_LOCATION_ID) return { status: 'failed', reason: 'GHL_LOCATION_ID is needed with GHL_TOKEN' };
  return call(
    fetcher,
    `${base(env.GHL_API_URL, 'https://services.leadconnectorhq.com')}/locations/${encodeURIComponent(env.GHL_LOCATION_ID)}`,
    { headers: { ...bearer(env.GHL_TOKEN), Version: GHL_API_VERSION.locations } },
    (body) => {
      const location = body.location as { name?: string } | undefined;
      return { status: 'ok', detail: `location ${env.GHL_LOCATION_ID}${location?.name ? ` (${location.name})` : ''}` };
    },
  );
};

export const probeSlack: Probe = async (env, fetcher = fetch) => {
  if (!env.SLACK_BOT_TOKEN)
    return env.SLACK_CLIENT_ID ? { status: 'ok', detail: 'OAuth app (tokens per workspace)' } : { status: 'off' };
  return call(
    fetcher,
    `${base(env.SLACK_API_URL, 'https://slack.com/api')}/auth.test`,
    { method: 'POST', headers: bearer(env.SLACK_BOT_TOKEN) },
    (body) =>
      body.ok === true
        ? {
            status: 'ok',
            detail: `workspace ${String(body.team ?? body.team_id)} as ${String(body.user ?? body.user_id)}`,
          }
        : { status: 'failed', reason: `auth.test: ${String(body.error ?? 'not ok')}` },
  );
};

export const probeDiscord: Probe = async (env, fetcher = fetch) => {
  if (!env.DISCORD_BOT_TOKEN) return { status: 'off' };
  return call(
    fetcher,
    `${base(env.DISCORD_API_URL, 'https://discord.com/api/v10')}/users/@me`,
    { headers: { Authorization: `Bot ${env.DISCORD_BOT_TOKEN}` } },
    (body) => ({ status: 'ok', detail: `bot ${String(body.username ?? body.id)}` }),
  );
};

export const probeTwilio: Probe = async (env, fetcher = fetch) => {
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) return { status: 'off' };
  const auth = Buffer.from(`${env.TWILIO_ACCOUNT_SID}:${env.TWILIO_AUTH_TOKEN}`).toString('base64');
  return call(
    fetcher,
    `${base(env.TWILIO_API_URL, 'https://api.twilio.com')}/2010-04-01/Accounts/${env.TWILIO_ACCOUNT_SID}.json`,
    { headers: { Authorization: `Basic ${auth}`, Accept: 'application/json' } },
    (body) =>
      body.status === 'active'
        ? { status: 'ok', detail: `account ${String(body.friendly_name ?? env.TWILIO_ACCOUNT_SID)} (active)` }
        : { status: 'failed', reason: `account is ${String(body.status)}` },
  );
};

export const probeSendgrid: Probe = async (env, fetcher = fetch) => {
  if (!env.SENDGRID_API_KEY) return { status: 'off' };
  return call(
    fetcher,
    `${base(env.SENDGRID_API_URL, 'https://api.sendgrid.com')}/v3/scopes`,
    { headers: bearer(env.SENDGRID_API_KEY) },
    (body) => {
      const scopes = Array.isArray(body.scopes) ? (body.scopes as string[]) : [];
      return scopes.includes('mail.send')
        ? { status: 'ok', detail: `key can send mail (${scopes.length} scopes)` }
        : { status: 'failed', reason: 'the API key lacks the mail.send scope' };
    },
  );
};

export const probeOpenai: Probe = async (env, fetcher = fetch) => {
  if (!env.OPENAI_API_KEY) return { status: 'off' };
  return call(
    fetcher,
    `${base(env.OPENAI_BASE_URL, 'https://api.openai.com/v1')}/models`,
    { headers: bearer(env.OPENAI_API_KEY) },
    (body) => {
      const ids = Array.isArray(body.data) ? (body.data as Array<{ id?: string }>).map((m) => m.id) : [];
      return ids.includes(env.OPENAI_MODEL)
        ? { status: 'ok', detail: `model ${env.OPENAI_MODEL} available` }
        : { status: 'failed', reason: `model ${env.OPENAI_MODEL} is not offered to this key` };
    },
  );
};

export const probeReso: Probe = async (env, fetcher = fetch) => {
  if (!env.RESO_API_URL) return { status: 'off' };
  return call(
    fetcher,
    `${base(env.RESO_API_URL, '')}/Property?$top=1`,
    { headers: env.RESO_TOKEN ? bearer(env.RESO_TOKEN) : { Accept: 'application/json' } },
    (body) =>
      Array.isArray(body.value)
        ? { status: 'ok', detail: `feed answers (${body.value.length} listing on $top=1)` }
        : { status: 'failed', reason: 'the answer has no OData "value" array' },
  );
};

/** In the order doctor prints them. */
export const PROVIDER_PROBES: ReadonlyArray<readonly [string, Probe]> = [
  ['GHL', probeGhl],
  ['Slack', probeSlack],
  ['Discord', probeDiscord],
  ['Twilio', probeTwilio],
  ['SendGrid', probeSendgrid],
  ['OpenAI', probeOpenai],
  ['RESO feed', probeReso],
];
