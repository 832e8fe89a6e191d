import { z } from 'zod';
import { AppError } from '../../core/errors/app-error.ts';

/**
 * Slack's ids (team T…, enterprise E…, user U…/W…, channel C…/D…/G…) are upper-case letters and
 * digits. Holding them to that keeps a signed but hostile `constructor` or `__proto__` from ever
 * reaching a lookup keyed by it.
 */
const SlackId = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'must be a Slack id (upper-case letters and digits)');

/** Where Slack wants the answer: we POST to it later, so anything but an https URL is refused now. */
const ResponseUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** Events API (JSON): the URL check, or an event for one workspace. */
const EventBody = z.looseObject({
  type: z.string().min(1),
  team_id: SlackId.optional(),
  challenge: z.string().optional(),
  event: z.looseObject({ type: z.string() }).optional(),
});

/** Interactivity (a `payload` form field holding JSON): buttons, selects, modal submissions. */
const InteractionBody = z.looseObject({
  type: z.string().min(1),
  user: z.looseObject({ id: SlackId, team_id: SlackId.optional() }),
  team: z.looseObject({ id: SlackId }).nullable().optional(),
  actions: z.array(z.looseObject({ action_id: z.string().min(1) })).optional(),
  // Absent on a modal's buttons; when present it is the conversation, never null.
  channel: z.looseObject({ id: SlackId }).optional(),
  container: z.looseObject({ type: z.string() }).optional(),
  response_url: ResponseUrl.optional(),
  view: z.looseObject({ private_metadata: z.string().optional() }).optional(),
});

/** A slash command (a plain form). Slack's SSL check posts `ssl_check=1` and nothing else. */
const CommandBody = z.union([
  z.looseObject({ ssl_check: z.string() }),
  z.looseObject({
    command: z.string().regex(/^\//, 'must start with /'),
    team_id: SlackId,
    user_id: SlackId,
    channel_id: SlackId.optional(),
    response_url: ResponseUrl.optional(),
    text: z.string().optional(),
  }),
]);

/**
 * Checks a verified Slack request before Bolt or our listeners touch it: a signed body that is not
 * what Slack sends (`payload=null`, a string `user`, a plain-http `response_url`) is a 400 naming
 * the field, not a TypeError (500, which Slack retries) or a 200 followed by a dead-lettered job.
 * @example slackRequestBody('interaction', JSON.parse(form.payload))
 */
export function slackRequestBody(kind: 'event' | 'interaction' | 'command', body: unknown): Record<string, unknown> {
  const schema = kind === 'event' ? EventBody : kind === 'interaction' ? InteractionBody : CommandBody;
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`);
  throw new AppError('bad_request', `Slack ${kind} is not one Slack sends: ${problems.slice(0, 5).join('; ')}`);
}
