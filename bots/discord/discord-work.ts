/** What the interactions route hands to the `chat.action` job for a Discord interaction. */
export interface DiscordWork {
  kind: 'command' | 'component';
  applicationId: string;
  /** Interaction token: valid 15 minutes for follow-ups and editing the deferred answer. */
  token: string;
  userId: string;
  guildId: string;
  /** `/top-deals` etc. and its options flattened back into command text. */
  command?: string;
  text?: string;
  customId?: string;
  /** Selected option values or user ids (Assign select). */
  values?: string[];
  /** Alerts still picked on the bar a bulk button sits on (its `alerts:picked` menu). */
  picked?: string[];
}
