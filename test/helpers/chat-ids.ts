let sequence = 0;

/**
 * A fresh Discord interaction id (a snowflake: milliseconds since Discord's epoch, shifted, plus a counter), as
 * every real interaction carries one of its own. Porchlight stores an interaction once per id.
 */
export function discordInteractionId(): string {
  sequence += 1;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) | BigInt(sequence & 0xfff));
}

/** A fresh Slack trigger id (`<digits>.<digits>.<hex>`): Slack sends a new one with every command, click or submit. */
export function slackTriggerId(): string {
  sequence += 1;
  return `${Date.now()}.${sequence}.${sequence.toString(16).padStart(8, '0')}`;
}
