import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import type { Runtime } from '../../jobs/runtime.ts';
import { server } from '../msw/server.ts';

/** Twilio, SendGrid and Discord on msw, as the crash-mid-send scenarios meet them. */

export const ACCOUNT_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const TEAM_NUMBER = '+15125550100';
export const TWILIO_API = 'https://twilio.test';
export const SENDGRID_API = 'https://sendgrid.test';
export const DISCORD_API = 'https://discord.test/api';

const messageShape = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/twilio/message-create-response.json'), 'utf8'),
) as Record<string, unknown>;
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');
/**
 * Twilio's Messages resource as documented: create answers 201 with the Message, list answers a
 * page of Messages (newest first) filtered by To/From. `down` refuses connections (nothing taken),
 * `listDown` fails only the list call.
 */
export function fakeTwilio(rt: Runtime) {
  const state = {
    taken: [] as Array<{ sid: string; to: string; body: string; dateCreated: Date }>,
    listCalls: [] as URLSearchParams[],
    down: false,
    listDown: false,
  };
  const message = (m: (typeof state.taken)[number]) => ({
    ...messageShape,
    account_sid: ACCOUNT_SID,
    sid: m.sid,
    to: m.to,
    from: TEAM_NUMBER,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateCreated),
    date_updated: rfc2822(m.dateCreated),
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${m.sid}.json`,
  });
  server.use(
    http.post(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, async ({ request }) => {
      if (state.down) return HttpResponse.error();
      const form = new URLSearchParams(await request.text());
      const taken = {
        sid: `SM${String(state.taken.length + 1).padStart(32, 'a')}`,
        to: form.get('To')!,
        body: form.get('Body')!,
        dateCreated: rt.clock.now(),
      };
      state.taken.push(taken);
      return HttpResponse.json(message(taken), { status: 201 });
    }),
    http.get(`${TWILIO_API}/2010-04-01/Accounts/:sid/Messages.json`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      state.listCalls.push(query);
      if (state.listDown)
        return HttpResponse.json(
          {
            code: 20500,
            message: 'Internal Server Error',
            more_info: 'https://www.twilio.com/docs/errors/20500',
            status: 500,
          },
          { status: 500 },
        );
      const page = state.taken
        .filter((m) => m.to === query.get('To') && (!query.get('From') || query.get('From') === TEAM_NUMBER))
        .reverse()
        .map(message);
      const uri = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=${query.get('PageSize') ?? 50}&Page=0`;
      return HttpResponse.json({
        messages: page,
        end: page.length ? page.length - 1 : 0,
        first_page_uri: uri,
        next_page_uri: null,
        page: 0,
        page_size: Number(query.get('PageSize') ?? 50),
        previous_page_uri: null,
        start: 0,
        uri,
      });
    }),
  );
  return state;
}

/** SendGrid's v3 mail send: 202 with X-Message-Id; nothing to ask it afterwards. */
export function fakeSendgrid() {
  const emails: Array<{ to: string; subject: string }> = [];
  server.use(
    http.post(`${SENDGRID_API}/v3/mail/send`, async ({ request }) => {
      const body = (await request.json()) as {
        personalizations: Array<{ to: Array<{ email: string }> }>;
        subject: string;
      };
      emails.push({ to: body.personalizations[0].to[0].email, subject: body.subject });
      return new HttpResponse(null, { status: 202, headers: { 'X-Message-Id': `sg-${emails.length}` } });
    }),
  );
  return emails;
}

/**
 * Discord as it behaves for `enforce_nonce`: a create whose nonce this author used within the last few
 * minutes (`nonceMemoryMs` on `now`) gets the first message back and posts nothing; an older nonce is
 * forgotten. `created` holds the messages that really exist; a channel's messages can be listed, newest
 * first, with the bot as their author.
 */
export function fakeDiscord(
  memory: { now: () => Date; nonceMemoryMs: number } = { now: () => new Date(), nonceMemoryMs: 120_000 },
) {
  type Created = { id: string; channelId: string; body: Record<string, unknown>; at: number };
  const state = {
    creates: [] as Array<Record<string, unknown>>,
    created: [] as Created[],
  };
  server.use(
    http.post(`${DISCORD_API}/v10/users/@me/channels`, async ({ request }) => {
      const { recipient_id } = (await request.json()) as { recipient_id: string };
      return HttpResponse.json({ id: `DM-${recipient_id}`, type: 1 });
    }),
    http.post(`${DISCORD_API}/v10/channels/:channelId/messages`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push(body);
      const channelId = String(params.channelId);
      const now = memory.now().getTime();
      const same =
        body.enforce_nonce === true
          ? state.created.find(
              (m) => m.channelId === channelId && m.body.nonce === body.nonce && now - m.at < memory.nonceMemoryMs,
            )
          : undefined;
      const message = same ?? {
        id: String(1_300_000_000_000_000_000n + BigInt(state.created.length)),
        channelId,
        body,
        at: now,
      };
      if (!same) state.created.push(message);
      return HttpResponse.json({
        id: message.id,
        channel_id: channelId,
        nonce: body.nonce,
        content: body.content ?? '',
      });
    }),
    // Listed messages carry no nonce: Discord does not keep it with the message.
    http.get(`${DISCORD_API}/v10/channels/:channelId/messages`, ({ params }) =>
      HttpResponse.json(
        state.created
          .filter((m) => m.channelId === String(params.channelId))
          .reverse()
          .map((m) => ({
            id: m.id,
            channel_id: m.channelId,
            author: { id: 'BOT1', username: 'Porchlight', bot: true },
            content: m.body.content ?? '',
            embeds: m.body.embeds ?? [],
            components: m.body.components ?? [],
          })),
      ),
    ),
  );
  return state;
}
