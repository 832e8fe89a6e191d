import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

/**
 * A Bolt receiver that owns no server: `POST /slack/events` checks the signature once, in the
 * `verifySignature('slack')` middleware, and hands each parsed request to `handle`, which resolves
 * with the HTTP answer as soon as a listener calls `ack()` (Slack wants it within 3 s; the slow
 * part runs in `chat.action` jobs). It deliberately does not verify again: it never sees the raw
 * bytes, and a second check with its own clock could disagree with ours.
 */
export class HonoReceiver implements Receiver {
  private app?: App;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  handle(
    body: Record<string, unknown>,
    retry: { retryNum?: number; retryReason?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    if (!this.app) throw new Error('HonoReceiver used before Bolt called init()');
    return new Promise((resolve, reject) => {
      let acked = false;
      const event: ReceiverEvent = {
        body,
        retryNum: retry.retryNum,
        retryReason: retry.retryReason,
        ack: async (response?: unknown) => {
          if (acked) return;
          acked = true;
          resolve({ status: 200, body: response ?? '' });
        },
      };
      this.app!.processEvent(event).then(
        // A request nobody listens for still gets its 200, or Slack shows the user an error.
        () => {
          if (!acked) {
            acked = true;
            resolve({ status: 200, body: '' });
          }
        },
        (error) => {
          if (!acked) {
            acked = true;
            reject(error);
          }
        },
      );
    });
  }
}
