import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { fakeSlack, type FakeSlack, type SlackPost } from './fake-slack.ts';

/**
 * The world outside Porchlight in the speed-to-chat bench: GHL sending signed webhooks and Slack receiving the
 * agents' alerts. It runs on its own thread, with its own event loop, so a message is sent when its sender means
 * to send it and a Slack post is timed when it arrives, even while the server's thread is busy: senders sharing
 * that thread could only send between two of its busy stretches, which hid the wait of a message that lands in one.
 */

export interface BenchLead {
  n: number;
  contactId: string;
}

/** One showing request: when it was sent and when the first alert about its lead reached Slack. */
export interface Sent {
  sentAt: number;
  post?: SlackPost;
}

export type ClientCommand =
  | { type: 'target'; port: number }
  | { type: 'quiet'; leads: BenchLead[]; run: string }
  | { type: 'backlog'; leads: BenchLead[]; run: string; burst: number };

export type ClientReply =
  | { type: 'ready'; slackUrl: string }
  | { type: 'quiet'; sent: Sent[] }
  | { type: 'burst-started'; at: number }
  | { type: 'backlog'; sent: Sent[]; burstStarted: number; burstPostedMs: number }
  | { type: 'failed'; message: string };

export interface ClientSettings {
  privateKeyPem: string;
  location: string;
  text: string;
  senders: number;
  burstSenders: number;
  gapMs: number;
  timeoutMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ghlSender(port: number, privateKey: KeyObject) {
  return async (body: string): Promise<void> => {
    const send = () =>
      fetch(`http://127.0.0.1:${port}/webhooks/ghl`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-ghl-signature': sign(null, Buffer.from(body), privateKey).toString('base64'),
        },
      });
    // A kept-alive socket the server closed as the request left resets it; GHL, like any sender, retries.
    const res = await send().catch(() =>
      send().catch((error: Error) => {
        throw new Error(`webhook request failed: ${String(error.cause ?? error.message)}`);
      }),
    );
    const json = (await res.json()) as { status?: string };
    if (res.status !== 200 || json.status !== 'accepted') throw new Error(`HTTP ${res.status} ${JSON.stringify(json)}`);
  };
}

const message = (settings: ClientSettings, run: string, contactId: string, i: number) =>
  JSON.stringify({
    type: 'InboundMessage',
    locationId: settings.location,
    webhookId: `${run}-msg-${i}`,
    timestamp: new Date().toISOString(),
    contactId,
    conversationId: `conv_${contactId}`,
    messageId: `${run}-m${i}`,
    messageType: 'SMS',
    direction: 'inbound',
    contentType: 'text/plain',
    body: settings.text,
    dateAdded: new Date().toISOString(),
  });

const contactUpdate = (settings: ClientSettings, run: string, i: number) =>
  JSON.stringify({
    type: 'ContactUpdate',
    locationId: settings.location,
    webhookId: `${run}-cu-${i}`,
    timestamp: new Date().toISOString(),
    id: `bulk_contact_${i}`,
    firstName: 'Bulk',
    lastName: String(i),
    email: `bulk${i}@example.com`,
    phone: `+1737555${String(i % 10_000).padStart(4, '0')}`,
    tags: ['import', 'zillow'],
    source: 'Zillow',
    city: 'Austin',
    dateAdded: '2026-01-01T00:00:00.000Z',
    dateUpdated: new Date().toISOString(),
    customFields: [{ id: 'notes', value: 'x'.repeat(300) }],
  });

/**
 * Each sender, in turn, sends a showing request from its next lead and waits until the first alert about that
 * lead reaches Slack, then pauses `gapMs`: one message at a time per sender, so the latency measures the path and
 * not a queue the bench itself built.
 */
async function messages(
  settings: ClientSettings,
  post: (body: string) => Promise<void>,
  slack: FakeSlack,
  leads: BenchLead[],
  run: string,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: settings.senders }, async () => {
      for (let i = next++; i < leads.length; i = next++) {
        const lead = leads[i];
        const posted = slack.firstPost(lead.n, settings.timeoutMs);
        const sentAt = Date.now();
        await post(message(settings, run, lead.contactId, i));
        sent.push({ sentAt, post: await posted });
        await sleep(settings.gapMs);
      }
    }),
  );
  return sent;
}

/** The burst lands at once; the messages start as soon as it has begun, so they meet it while stored and drained. */
async function backlog(
  settings: ClientSettings,
  post: (body: string) => Promise<void>,
  slack: FakeSlack,
  command: Extract<ClientCommand, { type: 'backlog' }>,
  reply: (r: ClientReply) => void,
) {
  let next = 0;
  let posted = 0;
  const burstStarted = Date.now();
  reply({ type: 'burst-started', at: burstStarted });
  let burstPostedMs = 0;
  const burst = Promise.all(
    Array.from({ length: settings.burstSenders }, async () => {
      for (let i = next++; i < command.burst; i = next++) {
        await post(contactUpdate(settings, command.run, i));
        posted++;
      }
    }),
  ).then(() => (burstPostedMs = Date.now() - burstStarted));
  while (posted < Math.min(command.burst, 100)) await sleep(20);
  const sent = await messages(settings, post, slack, command.leads, command.run);
  await burst;
  reply({ type: 'backlog', sent, burstStarted, burstPostedMs });
}

if (parentPort) {
  const port = parentPort;
  const settings = workerData as ClientSettings;
  const reply = (r: ClientReply) => port.postMessage(r);
  const privateKey = createPrivateKey(settings.privateKeyPem);
  const slack = await fakeSlack();
  let post: ((body: string) => Promise<void>) | undefined;
  port.on('message', (command: ClientCommand) => {
    if (command.type === 'target') {
      post = ghlSender(command.port, privateKey);
      return;
    }
    if (!post) return reply({ type: 'failed', message: 'no target server yet' });
    const work =
      command.type === 'quiet'
        ? messages(settings, post, slack, command.leads, command.run).then((sent) => reply({ type: 'quiet', sent }))
        : backlog(settings, post, slack, command, reply);
    work.catch((error: Error) => reply({ type: 'failed', message: error.message }));
  });
  port.once('close', () => slack.server.close());
  reply({ type: 'ready', slackUrl: slack.url });
}
