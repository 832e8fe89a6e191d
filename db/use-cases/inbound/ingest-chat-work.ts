import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../core/time/clock.ts';
import type { InboundWriter } from './inbound-writer.ts';

export type ChatPlatform = 'slack' | 'discord';

/** A verified chat interaction, reduced to the work its `chat.action` job does. */
export interface ChatWorkInput {
  platform: ChatPlatform;
  tenantId: string;
  /** `command`, `action`, `component`: stored as the event's type (`slack.command`, ...). */
  kind: string;
  /**
   * The platform's own id of this interaction (Discord's interaction id, Slack's trigger id): a delivery seen
   * twice is stored and answered once. Absent when the platform sent none: stored, never deduped.
   */
  interactionId?: string;
  /** What the job needs to answer (the user, the channel, the reply token or URL, the command text). */
  work: Record<string, unknown>;
}

/**
 * A chat command or button press, stored as an inbound event with its `chat.action` job through the process's
 * group-commit writer, the same path as a lead's text: durable before the platform hears our ack, one commit for
 * a burst of clicks, and a repeated delivery answered without a second job.
 * @example const { duplicate } = await ingestChatWork({ writer, clock }, { platform: 'discord', ... })
 */
export async function ingestChatWork(
  deps: { writer: InboundWriter; clock: Clock },
  input: ChatWorkInput,
): Promise<{ id: string; duplicate: boolean }> {
  return deps.writer.write({
    event: {
      provider: input.platform,
      eventId: `${input.kind}:${input.interactionId ?? `unkeyed:${randomUUID()}`}`,
      tenantId: input.tenantId,
      type: `${input.platform}.${input.kind}`,
      status: 'accepted',
      // Checked before it reached us (Slack's v0 signature or its Socket Mode app token, Discord's Ed25519). The
      // stored body is the work, which is what the job and a replay need.
      verified: true,
      rawBody: JSON.stringify(input.work),
      occurredAt: deps.clock.now(),
    },
    // Someone is looking at the chat waiting for the answer.
    job: { queue: 'chat.action', lane: 'fast' },
  });
}
